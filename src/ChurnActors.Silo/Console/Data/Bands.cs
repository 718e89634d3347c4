namespace ChurnActors.Silo.Console.Data;

/// <summary>The risk bands, lowest first, as the projection stores them.</summary>
public static class Bands
{
    public static IReadOnlyList<string> All { get; } = ["low", "medium", "high"];

    /// <summary>The band if it is one, else null (a filter from a hand-edited URL is ignored).</summary>
    public static string? Parse(string? value) => value is not null && All.Contains(value, StringComparer.Ordinal) ? value : null;
}
