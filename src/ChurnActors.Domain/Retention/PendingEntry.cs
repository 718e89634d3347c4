using ChurnActors.Domain.Risk;

namespace ChurnActors.Domain.Retention;

/// <summary>A band change the customer's grain has not yet offered to the playbooks.</summary>
public sealed class PendingEntry
{
    /// <summary>The band before; null when the change was the customer's first score.</summary>
    public RiskBand? From { get; set; }

    public RiskBand To { get; set; }

    /// <summary>The customer's last applied log sequence at the change: the episode's exactly-once key.</summary>
    public long CauseSequence { get; set; }
}
