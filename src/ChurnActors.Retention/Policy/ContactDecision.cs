using ChurnActors.Retention.Control;

namespace ChurnActors.Retention.Policy;

/// <summary>The contact policy's verdict on one candidate, with a reason for people and the facts for programs.</summary>
public sealed record ContactDecision
{
    public required ContactCandidate Candidate { get; init; }

    public required ContactOutcome Outcome { get; init; }

    /// <summary>A human-readable sentence: what was decided and why, starting with <see cref="Code"/>.</summary>
    public required string Reason { get; init; }

    /// <summary>The recorded name of the outcome (<c>sent</c>, <c>capped</c>, ...).</summary>
    public string Code => Outcome.Code();

    /// <summary>For <see cref="ContactOutcome.QuietHours"/>: the next allowed minute, when the caller evaluates again.</summary>
    public DateTimeOffset? DeferredUntil { get; init; }

    /// <summary>For <see cref="ContactOutcome.Suppressed"/>: every signal that suppressed the contact.</summary>
    public SuppressionSignals SuppressedBy { get; init; }

    /// <summary>For <see cref="ContactOutcome.Capped"/>: the names of the caps that had no room.</summary>
    public IReadOnlyList<string> Caps { get; init; } = [];

    /// <summary>For <see cref="ContactOutcome.Capped"/>: when every violated cap has room again (for information;
    /// a capped contact is not retried by the policy).</summary>
    public DateTimeOffset? CapFreesAt { get; init; }

    /// <summary>For <see cref="ContactOutcome.Capped"/>: the higher-ranked candidate of the same evaluation that took the
    /// last slot, if one did.</summary>
    public ContactSource? Winner { get; init; }

    /// <summary>The arm <see cref="ContactDecider"/> assigned and why; null when the policy was called directly.</summary>
    public ControlAssignment? Control { get; init; }

    /// <summary>For <see cref="ContactOutcome.Control"/>: what the policy would have decided for a treated customer.</summary>
    public ContactOutcome? WouldHave { get; init; }

    /// <summary>The time zone the customer's local time was read in (for quiet hours).</summary>
    public string? TimeZone { get; init; }

    /// <summary>True when the customer's zone was missing or unknown and the shop's default was used.</summary>
    public bool TimeZoneFellBack { get; init; }

    /// <summary>For <see cref="ContactOutcome.Send"/>: the contact to record in the customer's contact state.</summary>
    public ContactRecord? Record { get; init; }

    /// <summary>For a sent offer: the value to debit from the budget of <see cref="BudgetDay"/>.</summary>
    public decimal? OfferSpend { get; init; }

    /// <summary>The shop-local day the offer budget was checked for (offers only).</summary>
    public DateOnly? BudgetDay { get; init; }
}
