namespace ChurnActors.Storage.Retention;

/// <summary>A step sent to a customer, as the frequency caps count it.</summary>
/// <param name="Channel">The step's channel.</param>
/// <param name="At">When it was decided.</param>
/// <param name="Source">What sent it: <c>playbook:{id}@{version}#{stepId}</c>.</param>
public sealed record SentAction(string Channel, DateTimeOffset At, string Source);
