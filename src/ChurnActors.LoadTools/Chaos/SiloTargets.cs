namespace ChurnActors.LoadTools.Chaos;

/// <summary>The HTTP addresses the load goes to, by node name, taken round-robin; silos join and leave while it runs.</summary>
public sealed class SiloTargets
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Uri> _silos = new(StringComparer.Ordinal);
    private Uri[] _order = [];
    private int _next = -1;

    public void Set(string node, Uri address)
    {
        lock (_gate)
        {
            _silos[node] = address;
            _order = [.. _silos.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value)];
        }
    }

    /// <summary>Stops sending to <paramref name="node"/> (a silo about to be stopped); requests in flight still finish.</summary>
    public void Remove(string node)
    {
        lock (_gate)
        {
            _silos.Remove(node);
            _order = [.. _silos.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value)];
        }
    }

    /// <summary>The node name of <paramref name="address"/>, or null when it is not a target any more.</summary>
    public string? NodeOf(Uri address)
    {
        lock (_gate)
        {
            return _silos.FirstOrDefault(s => s.Value == address).Key;
        }
    }

    /// <summary>The next address round-robin, other than <paramref name="avoid"/> when there is another.</summary>
    public Uri Next(Uri? avoid = null)
    {
        var order = Volatile.Read(ref _order);
        if (order.Length == 0)
        {
            throw new InvalidOperationException("No silo to send to.");
        }

        var pick = order[(int)((uint)Interlocked.Increment(ref _next) % (uint)order.Length)];
        return pick == avoid && order.Length > 1 ? order[(int)((uint)Interlocked.Increment(ref _next) % (uint)order.Length)] : pick;
    }
}
