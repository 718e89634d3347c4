namespace ChurnActors.Cli.Import;

/// <summary>The event fields a column of a generic CSV can be mapped to (<c>--map column=field</c>).</summary>
internal enum ImportField
{
    UserId,
    AnonymousId,
    Timestamp,
    Event,
    OrderId,
    Revenue,
    Currency,
    ProductId,
    Name,
    Category,
    Price,
    Quantity,
    MessageId,
}
