namespace ChurnActors.Api.Contracts;

/// <summary>
/// <c>score.purchases</c> of <c>GET /v1/users/{userId}</c>: the customer's order history as the shop's lifetime
/// (BG/NBD) model read it for the score, its inputs x, t_x and T in days.
/// </summary>
/// <param name="RepeatOrders">x: order days after the first one.</param>
/// <param name="DaysFirstToLastOrder">t_x: days from the first order day to the last one (0 for a one-time buyer).</param>
/// <param name="DaysSinceFirstOrder">T: days from the first order day to the moment of the score.</param>
public sealed record PurchasesResponse(int RepeatOrders, double DaysFirstToLastOrder, double DaysSinceFirstOrder);
