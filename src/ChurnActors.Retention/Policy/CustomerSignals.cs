using ChurnActors.Domain.Activity;

namespace ChurnActors.Retention.Policy;

/// <summary>
/// What the contact policy takes from a customer's accumulated state (<see cref="CustomerActivity"/>): the signals that
/// suppress contact and the customer's time zone. The admin suppression list is not part of the customer's events; the
/// caller asks it (the silo's cached <c>SuppressionList</c>) and passes the answer in.
/// </summary>
public static class CustomerSignals
{
    /// <summary>
    /// The suppression signals of <paramref name="activity"/>: <see cref="SuppressionSignals.UnsubscribedTrait"/> while
    /// its latest <c>unsubscribed</c> trait is true, <see cref="SuppressionSignals.UnsubscribedEvent"/> once it has sent
    /// an <c>Unsubscribed</c> event, and <see cref="SuppressionSignals.AdminList"/> when <paramref name="onAdminList"/>.
    /// </summary>
    public static SuppressionSignals Suppression(CustomerActivity activity, bool onAdminList)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var signals = SuppressionSignals.None;
        if (activity.UnsubscribedByTrait)
        {
            signals |= SuppressionSignals.UnsubscribedTrait;
        }

        if (activity.UnsubscribedAt is not null)
        {
            signals |= SuppressionSignals.UnsubscribedEvent;
        }

        if (onAdminList)
        {
            signals |= SuppressionSignals.AdminList;
        }

        return signals;
    }

    /// <summary>
    /// <paramref name="state"/> (the customer's recent contacts) with the suppression signals and time zone taken from
    /// <paramref name="activity"/> as it is now: call it before each policy decision, so a customer who unsubscribed,
    /// re-subscribed or moved since the last one is judged by what is true at the time of the decision.
    /// </summary>
    public static CustomerContactState Apply(CustomerContactState state, CustomerActivity activity, bool onAdminList)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(activity);
        return state with { Suppression = Suppression(activity, onAdminList), TimeZone = activity.TimeZone };
    }
}
