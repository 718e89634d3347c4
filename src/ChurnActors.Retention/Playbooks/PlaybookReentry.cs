namespace ChurnActors.Retention.Playbooks;

/// <summary>
/// The re-entry rule. The default is a cooldown as long as the default outcome window, so a customer whose band
/// flickers is not entered again while the first episode is still being measured.
/// </summary>
public sealed record PlaybookReentry
{
    public ReentryMode Mode { get; init; } = ReentryMode.Cooldown;

    /// <summary>Days after the previous episode opened before another may open; only with <see cref="ReentryMode.Cooldown"/>.</summary>
    public int? CooldownDays { get; init; } = PlaybookDefinition.DefaultOutcomeWindowDays;

    /// <summary>
    /// Whether a customer whose previous episode of this playbook opened at <paramref name="previousOpenedAt"/> (and
    /// exited, or not: <paramref name="previousExited"/>) may enter at <paramref name="now"/>. No previous episode: yes.
    /// </summary>
    public bool Allows(DateTimeOffset? previousOpenedAt, bool previousExited, DateTimeOffset now) =>
        previousOpenedAt is not { } opened || Mode switch
        {
            ReentryMode.Never => false,
            ReentryMode.AfterExit => previousExited,
            _ => previousExited && now - opened >= TimeSpan.FromDays(CooldownDays ?? 0),
        };
}
