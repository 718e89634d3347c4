namespace ChurnActors.Api.Contracts;

/// <summary>How the push of the champion to one silo went.</summary>
public sealed record SiloPushResponse
{
    /// <summary>The silo's address.</summary>
    public required string Silo { get; init; }

    public required bool Succeeded { get; init; }

    public required int Attempts { get; init; }

    /// <summary>From the start of the push until this silo answered (or gave up).</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The last error, when it failed.</summary>
    public string? Error { get; init; }
}
