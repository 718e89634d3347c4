namespace ChurnActors.Storage.Retention;

/// <summary>A customer on the admin suppression list.</summary>
/// <param name="CustomerKey">The customer (a userId, or <c>anon:</c> and an anonymousId).</param>
/// <param name="Reason">Why it is on the list, as the admin gave it.</param>
/// <param name="AddedAt">When it was put on the list.</param>
public sealed record SuppressedCustomer(string CustomerKey, string Reason, DateTimeOffset AddedAt);
