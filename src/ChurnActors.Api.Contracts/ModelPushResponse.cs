namespace ChurnActors.Api.Contracts;

/// <summary>The <c>push</c> block of a promotion or rollback: how the push of the champion to every silo went.</summary>
public sealed record ModelPushResponse
{
    /// <summary>The champion's name; null when the registry has no champion.</summary>
    public string? Name { get; init; }

    /// <summary>The champion's registry version; null when the registry has no champion.</summary>
    public string? Version { get; init; }

    /// <summary>One entry per silo that was active when the push started.</summary>
    public required IReadOnlyList<SiloPushResponse> Silos { get; init; }

    /// <summary>From reading the champion until the last silo answered.</summary>
    public required TimeSpan Elapsed { get; init; }
}
