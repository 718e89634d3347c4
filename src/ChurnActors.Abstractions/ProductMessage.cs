namespace ChurnActors.Abstractions;

/// <summary>One product line of an event, on the wire between silos.</summary>
[GenerateSerializer, Immutable, Alias("ChurnActors.ProductMessage")]
public sealed record ProductMessage(
    [property: Id(0)] string? ProductId,
    [property: Id(1)] string? Category,
    [property: Id(2)] decimal? Price,
    [property: Id(3)] int Quantity);
