namespace ChurnActors.Retention.Playbooks;

/// <summary>When a customer who had an episode of a playbook may start another.</summary>
public enum ReentryMode
{
    /// <summary>One episode per customer and playbook, ever.</summary>
    Never,

    /// <summary>Again as soon as the previous episode has exited.</summary>
    AfterExit,

    /// <summary>Again once <see cref="PlaybookReentry.CooldownDays"/> have passed since the previous episode opened.</summary>
    Cooldown,
}
