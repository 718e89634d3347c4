namespace ChurnActors.Training.Events;

/// <summary>Hands out one string instance per distinct event name, so millions of events share a few dozen names.</summary>
internal sealed class NameTable
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public string Intern(string name)
    {
        if (_names.TryGetValue(name, out var known))
        {
            return known;
        }

        _names[name] = name;
        return name;
    }
}
