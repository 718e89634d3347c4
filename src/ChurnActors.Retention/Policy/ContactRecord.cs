namespace ChurnActors.Retention.Policy;

/// <summary>A contact that was sent, as the contact state keeps it for the frequency caps.</summary>
/// <param name="Channel">The channel it went through.</param>
/// <param name="At">When it was sent.</param>
/// <param name="Source">The <see cref="ContactSource.Key"/> of what sent it.</param>
public sealed record ContactRecord(string Channel, DateTimeOffset At, string Source);
