namespace ChurnActors.Storage.Retention;

/// <summary>A step of a new episode, to be scheduled with it.</summary>
/// <param name="StepIndex">Its position in the playbook version (0-based).</param>
/// <param name="StepId">Its id in the playbook.</param>
/// <param name="Channel">The channel it contacts the customer through.</param>
/// <param name="DueAt">Entry time plus the step's delay.</param>
public sealed record ScheduledStep(int StepIndex, string StepId, string Channel, DateTimeOffset DueAt);
