namespace ChurnActors.Domain.Events;

/// <summary>One entry of a Segment e-commerce <c>products[]</c> array (or the single product of a product event).</summary>
public sealed record ProductLine(string? ProductId, string? Category, decimal? Price, int Quantity);
