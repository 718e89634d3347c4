namespace ChurnActors.Cli.Import;

/// <summary>
/// An event built from rows of a tabular input, before it becomes a Segment track message (e-commerce spec v2).
/// </summary>
/// <param name="Amount">The order's money: <c>revenue</c> and <c>total</c> of an order, <c>total</c> of a refund.</param>
/// <param name="Products">Order lines (written as <c>products[]</c>), or the one product of an event without an order id.</param>
internal sealed record ImportedEvent(
    string MessageId,
    string? UserId,
    string? AnonymousId,
    DateTimeOffset Timestamp,
    string Event,
    string? OrderId,
    decimal? Amount,
    string? Currency,
    IReadOnlyList<ImportedProduct> Products);
