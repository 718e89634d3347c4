namespace ChurnActors.Storage.Retention;

/// <summary>
/// The decision about a due step, recorded in one transaction with its schedule row: the step leaves the schedule,
/// or, when <see cref="DeferUntil"/> is set (quiet hours), stays with that later due time.
/// </summary>
/// <param name="Step">The step decided.</param>
/// <param name="Record">The decision and its reason, recorded under its idempotency key.</param>
/// <param name="DeferUntil">When the step is due again; null when the decision is final.</param>
public sealed record StepDecision(DueStep Step, ActionRecord Record, DateTimeOffset? DeferUntil = null);
