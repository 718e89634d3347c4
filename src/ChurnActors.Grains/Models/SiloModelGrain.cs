using ChurnActors.Abstractions;
using ChurnActors.Domain.Risk;
using ChurnActors.Domain.Scoring;
using ChurnActors.Grains.Placement;
using ChurnActors.Grains.Scoring;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace ChurnActors.Grains.Models;

/// <summary>
/// One per silo, on the silo its key names (<see cref="SiloKeyPlacementAttribute"/>): hands a pushed champion to that
/// silo's <see cref="ScoringModels"/>, which every customer grain of the silo reads at its next rescoring.
/// </summary>
[SiloKeyPlacement, Immovable]
public sealed class SiloModelGrain(ScoringModels models, ILocalSiloDetails silo, ILogger<SiloModelGrain> logger) : Grain, ISiloModelGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var here = silo.SiloAddress.ToParsableString();
        return key == here
            ? Task.CompletedTask
            : throw new InvalidOperationException($"The model holder of silo {key} was activated on silo {here}; placement must put it on its own silo.");
    }

    public Task<string> UseModelAsync(ModelPush push)
    {
        ArgumentNullException.ThrowIfNull(push);
        if (models.Trained is not { } current || current.Name != push.Name || current.Version != push.Version)
        {
            var model = new TrainedChurnModel(ModelSnapshotJson.Deserialize(push.Snapshot));
            models.UseTrained(model);
            ModelsLog.Using(logger, this.GetPrimaryKeyString(), model.Name, model.Version);
        }

        return Task.FromResult(models.Trained!.Version);
    }

    public Task<string?> CurrentModelAsync() =>
        Task.FromResult(models.Trained is { } model ? $"{model.Name} {model.Version}" : null);
}
