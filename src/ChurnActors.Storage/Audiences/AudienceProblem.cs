namespace ChurnActors.Storage.Audiences;

/// <summary>
/// One thing wrong with an audience filter: where (a JSON path such as <c>all[1].field</c>, empty for the filter
/// itself) and what to write instead.
/// </summary>
public sealed record AudienceProblem(string Path, string Message)
{
    /// <summary>The path under <paramref name="prefix"/>, e.g. <c>filter.all[1].field</c> for the <c>filter</c> of a request body.</summary>
    public string PathUnder(string prefix) => Path.Length == 0 ? prefix : prefix + "." + Path;

    public override string ToString() => $"{(Path.Length == 0 ? "(filter)" : Path)}: {Message}";
}
