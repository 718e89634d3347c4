namespace ChurnActors.Abstractions;

/// <summary>What a push of the champion to every silo did.</summary>
[GenerateSerializer, Immutable, Alias("ChurnActors.ModelPushReport")]
public sealed record ModelPushReport
{
    /// <summary>The champion's name and registry version; null when the registry has no champion.</summary>
    [Id(0)] public string? Name { get; init; }

    [Id(1)] public string? Version { get; init; }

    /// <summary>One entry per silo that was active when the push started.</summary>
    [Id(2)] public required IReadOnlyList<SiloPushResult> Silos { get; init; }

    /// <summary>From reading the champion until the last silo answered.</summary>
    [Id(3)] public required TimeSpan Elapsed { get; init; }
}
