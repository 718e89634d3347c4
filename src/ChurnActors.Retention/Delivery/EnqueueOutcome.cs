namespace ChurnActors.Retention.Delivery;

/// <summary>What <see cref="IActionDelivery.EnqueueAsync"/> did with an action.</summary>
public enum EnqueueOutcome
{
    /// <summary>The key was new: the action is recorded and its delivery scheduled.</summary>
    Enqueued,

    /// <summary>The key was already recorded: nothing changed, the first action's delivery stands.</summary>
    AlreadyKnown,
}
