namespace ChurnActors.Simulation;

/// <summary>What a planned customer session does.</summary>
public enum SessionKind
{
    /// <summary>Views products, maybe adds to cart or starts checkout, does not order.</summary>
    Browse,

    /// <summary>Views and adds products, maybe applies a coupon, checks out and orders.</summary>
    Purchase,

    /// <summary>A refund of an earlier order.</summary>
    Refund,
}
