namespace ChurnActors.Domain.Features;

/// <summary>
/// What a customer did on one UTC day (days since 1970-01-01): the daily bucket the rolling windows are summed
/// from. A struct, so the up to 90 buckets of a customer cost no object headers.
/// </summary>
public record struct FeatureDay
{
    public int Day { get; set; }

    /// <summary>Events of any kind.</summary>
    public int Events { get; set; }

    /// <summary>page and screen calls and Product Viewed events.</summary>
    public int Views { get; set; }

    /// <summary>Product Added events.</summary>
    public int CartAdds { get; set; }

    /// <summary>Checkout Started events.</summary>
    public int Checkouts { get; set; }

    /// <summary>Order Completed events.</summary>
    public int Orders { get; set; }

    /// <summary>Order Refunded events.</summary>
    public int Refunds { get; set; }

    /// <summary>Sessions that start on this day.</summary>
    public int Sessions { get; set; }

    /// <summary>Sessions starting on this day that have a Product Added or Checkout Started event.</summary>
    public int CartSessions { get; set; }

    /// <summary>Cart sessions starting on this day that also have an Order Completed event.</summary>
    public int ConvertedCartSessions { get; set; }
}
