namespace ChurnActors.Storage.Retention;

/// <summary>The outcome of putting a customer on the suppression list.</summary>
/// <param name="Added">True when the customer was not on the list; false when it was (its reason is replaced, its time kept).</param>
/// <param name="Entry">The customer's entry as stored now.</param>
public sealed record SuppressionAddResult(bool Added, SuppressedCustomer Entry);
