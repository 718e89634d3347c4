using ChurnActors.Storage.Campaigns;

namespace ChurnActors.Silo.Campaigns;

/// <summary>What "run now" did: the queued run, or why there is none.</summary>
/// <param name="Run">The run queued; null when the campaign does not exist or is paused.</param>
/// <param name="IsPaused">The campaign is paused: nothing was started.</param>
public sealed record CampaignRunStart(CampaignRun? Run, bool IsPaused = false)
{
    public static CampaignRunStart NotFound { get; } = new(Run: null);

    public static CampaignRunStart Paused { get; } = new(Run: null, IsPaused: true);
}
