using ChurnActors.Domain.Events;

namespace ChurnActors.Abstractions;

/// <summary>One customer: applies its events exactly once, in log order, and answers what it knows.</summary>
[Alias("ChurnActors.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies newly committed events of this customer (ascending sequence). Events already applied are ignored.
    /// </summary>
    [Alias("Apply")]
    Task ApplyAsync([Immutable] LoggedEvent[] events);

    /// <summary>Reads and applies whatever the event log holds beyond the last applied event; returns the last sequence.</summary>
    [Alias("CatchUp")]
    Task<long> CatchUpAsync();

    /// <summary>The customer's state, or null when the customer has no event at all.</summary>
    [Alias("GetView")]
    Task<CustomerView?> GetViewAsync();

    /// <summary>
    /// A wake-up the customer scheduled came due (<paramref name="dueAt"/>): rescore as of now, with no new event,
    /// and schedule the next wake-up.
    /// </summary>
    [Alias("Wake")]
    Task WakeAsync(DateTimeOffset dueAt);

    /// <summary>Writes pending state now (write-behind otherwise decides when).</summary>
    [Alias("Flush")]
    Task FlushAsync();

    /// <summary>
    /// Decides the customer's retention steps that are due now (the step runner calls this when it claimed one).
    /// Returns how many were due.
    /// </summary>
    [Alias("RunDueSteps")]
    Task<int> RunDueStepsAsync();

    /// <summary>
    /// Decides a campaign contact for this customer through the contact policy, with the customer's recent sends of
    /// playbooks and campaigns, and delivers it when it is sent (a contact asked again for the same run is not sent
    /// twice). A control member gets what would have been decided.
    /// </summary>
    [Alias("Contact")]
    Task<CampaignContactResult> ContactAsync(CampaignContact contact);
}
