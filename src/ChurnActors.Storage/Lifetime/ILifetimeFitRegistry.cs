using ChurnActors.Domain.Risk;

namespace ChurnActors.Storage.Lifetime;

/// <summary>
/// Where the silos of a cluster agree on who fits the shop's lifetime model next and share the latest fit, so that one
/// fit is made per interval across the cluster.
/// </summary>
public interface ILifetimeFitRegistry
{
    /// <summary>
    /// Claims the next fit for <paramref name="node"/> for at most <paramref name="lease"/>, unless another node holds an
    /// unexpired claim or the latest attempt was recorded too recently: less than <paramref name="gapAfterFit"/> ago when
    /// it left a model serving, less than <paramref name="gapAfterMiss"/> ago when it found too little history.
    /// </summary>
    Task<LifetimeFitClaim> TryClaimAsync(
        string node, TimeSpan gapAfterFit, TimeSpan gapAfterMiss, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Records <paramref name="node"/>'s attempt (the model serving after it, or why there is none) and drops its claim.</summary>
    Task RecordAsync(string node, ShopLifetimeModel? model, string? reason, CancellationToken cancellationToken);

    /// <summary>Drops <paramref name="node"/>'s claim without recording an attempt (its fit failed).</summary>
    Task ReleaseAsync(string node, CancellationToken cancellationToken);
}
