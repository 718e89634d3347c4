using ChurnActors.Domain.Scoring;

namespace ChurnActors.Cli.Training;

/// <summary>Where <c>evaluate</c> gets the model it evaluates (a snapshot file today; the model registry later).</summary>
internal interface IModelSource
{
    /// <summary>What the model is, for messages, e.g. "model.json".</summary>
    string Description { get; }

    /// <exception cref="InvalidModelSnapshotException">The model cannot be read or scored.</exception>
    Task<ModelSnapshot> LoadAsync(CancellationToken cancellationToken);
}
