using ChurnActors.Retention.Control;
using ChurnActors.Retention.Delivery;
using ChurnActors.Retention.Policy;
using ChurnActors.Storage.Retention;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChurnActors.Grains.Retention;

/// <summary>What every customer grain of a silo shares to run retention: playbooks, stores, policy, delivery.</summary>
public sealed class RetentionRuntime(
    ActivePlaybooks playbooks,
    IEpisodeStore episodes,
    IActionDelivery delivery,
    ICustomerSuppression suppression,
    IOptions<RetentionOptions> options,
    IOptions<ContactPolicyOptions> policyOptions,
    IOptions<ControlGroupOptions> controlOptions,
    ILogger<RetentionRuntime> logger)
{
    public ActivePlaybooks Playbooks { get; } = playbooks;

    public IEpisodeStore Episodes { get; } = episodes;

    public IActionDelivery Delivery { get; } = delivery;

    public ICustomerSuppression Suppression { get; } = suppression;

    public RetentionOptions Options { get; } = options.Value;

    public ContactPolicy Policy { get; } = new(policyOptions.Value);

    public ControlGroups Groups { get; } = new(controlOptions.Value);

    /// <summary>The shop's daily offer budget, or null for none.</summary>
    public decimal? DailyOfferBudget { get; } = policyOptions.Value.DailyOfferBudget;

    public ILogger Logger { get; } = logger;

    /// <summary>Whether band changes can open episodes at all right now.</summary>
    public bool Active => Options.Enabled && Playbooks.Current.Count > 0;
}
