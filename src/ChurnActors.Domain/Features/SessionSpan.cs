namespace ChurnActors.Domain.Features;

/// <summary>
/// One session a customer had: visit events no more than <see cref="CustomerFeatures.SessionGap"/> apart.
/// Kept for the latest sessions only, so that a late event can join, extend or bridge them.
/// </summary>
public record struct SessionSpan
{
    public DateTimeOffset Start { get; set; }

    public DateTimeOffset End { get; set; }

    /// <summary>The session has a Product Added or Checkout Started event.</summary>
    public bool HasCart { get; set; }

    /// <summary>The session has an Order Completed event.</summary>
    public bool HasOrder { get; set; }
}
