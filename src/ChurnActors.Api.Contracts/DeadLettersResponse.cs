namespace ChurnActors.Api.Contracts;

/// <summary><c>GET /v1/admin/deliveries/dead-letters</c>: dead-lettered webhooks, newest first.</summary>
/// <param name="Count">How many are listed (at most the request's <c>limit</c>).</param>
/// <param name="Items">The dead letters.</param>
public sealed record DeadLettersResponse(int Count, IReadOnlyList<DeadLetterResponse> Items);
