namespace ChurnActors.Abstractions;

/// <summary>How a push to one silo went.</summary>
[GenerateSerializer, Immutable, Alias("ChurnActors.SiloPushResult")]
public sealed record SiloPushResult
{
    /// <summary>The silo's address.</summary>
    [Id(0)] public required string Silo { get; init; }

    [Id(1)] public required bool Succeeded { get; init; }

    [Id(2)] public required int Attempts { get; init; }

    /// <summary>From the start of the push until this silo answered (or gave up).</summary>
    [Id(3)] public required TimeSpan Elapsed { get; init; }

    /// <summary>The last error, when it failed.</summary>
    [Id(4)] public string? Error { get; init; }
}
