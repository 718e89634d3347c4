namespace ChurnActors.Api.Contracts;

/// <summary><c>POST /v1/admin/wakeups/advance</c>: how many wake-ups under <see cref="Prefix"/> were made due now.</summary>
public sealed record WakeUpsAdvancedResponse(string Prefix, long Advanced);
