namespace ChurnActors.Api.Contracts;

/// <summary>
/// One arm of a playbook version. <see cref="Customers"/> are the decided episodes: retained (goal within the outcome
/// window) or with the window ended; <see cref="Pending"/> episodes (window not ended, no goal yet) enter no other figure.
/// </summary>
/// <param name="Arm"><c>treated</c>, <c>control</c>, <c>global</c> or <c>holdout</c>.</param>
/// <param name="Episodes">Customers + pending.</param>
/// <param name="Customers">Episodes whose outcome is known.</param>
/// <param name="Pending">Episodes whose window has not ended and that have no goal yet.</param>
/// <param name="Successes">Customers retained: the goal within the outcome window.</param>
/// <param name="Rate">Successes / customers; null without customers.</param>
/// <param name="Revenue">Revenue over the window of the customers.</param>
/// <param name="RevenuePerCustomer">Revenue / customers; null without customers.</param>
public sealed record ResultArmResponse(
    string Arm, long Episodes, long Customers, long Pending, long Successes, double? Rate, double Revenue, double? RevenuePerCustomer);
