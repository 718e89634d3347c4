using ChurnActors.Domain.Features;

namespace ChurnActors.Storage.Models;

/// <summary>
/// The model registry of a host without a database (<c>--in-memory</c>): the same rules and gate as
/// <see cref="PostgresModelRegistry"/>, forgotten when the process ends.
/// </summary>
public sealed class InMemoryModelRegistry(TimeProvider time) : IModelRegistry
{
    private readonly Lock _lock = new();
    private readonly List<RegisteredModel> _models = [];
    private readonly List<PromotionRecord> _history = [];

    public Task<RegisteredModel> RegisterAsync(ModelRegistration registration, CancellationToken cancellationToken)
    {
        RegistrationRules.Validate(registration);
        lock (_lock)
        {
            var version = _models.Count + 1L;
            var snapshot = RegistrationRules.Versioned(registration.Snapshot, version);
            var model = new RegisteredModel
            {
                Version = version,
                Name = snapshot.Name,
                Kind = snapshot.Kind,
                Status = ModelStatus.Candidate,
                FeatureSchemaVersion = FeatureSchema.Version,
                FeatureNames = snapshot.FeatureNames,
                Training = registration.Training,
                Evaluation = registration.Evaluation,
                CreatedAt = time.GetUtcNow(),
                Snapshot = snapshot,
            };
            _models.Add(model);
            return Task.FromResult(model);
        }
    }

    public Task<IReadOnlyList<RegisteredModel>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<RegisteredModel>>([.. _models.Select(m => m with { Snapshot = null }).Reverse()]);
        }
    }

    public Task<RegisteredModel?> GetAsync(long version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(Find(version));
        }
    }

    public Task<RegisteredModel?> ChampionAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(Champion());
        }
    }

    public Task<PromotionRecord> PromoteAsync(long version, bool force, string actor, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var candidate = Find(version) ?? throw new ModelRegistryException(ModelRegistryError.UnknownVersion,
                $"There is no model version {version} in the registry. `churnactors models list` shows the versions.");
            var champion = Champion();
            if (champion?.Version == version)
            {
                return Task.FromResult(new PromotionRecord(version, version, "promote", false, $"Version {version} is already the champion.", actor, time.GetUtcNow()));
            }

            var decision = PromotionGate.Check(candidate, champion);
            if (!decision.Passed && !force)
            {
                throw new ModelRegistryException(ModelRegistryError.GateRefused, decision.Reason);
            }

            var reason = decision.Passed ? decision.Reason : "Forced past the gate: " + decision.Reason;
            var record = new PromotionRecord(version, champion?.Version, "promote", !decision.Passed, reason, actor, time.GetUtcNow());
            Change(record);
            return Task.FromResult(record);
        }
    }

    public Task<PromotionRecord> RollbackAsync(string actor, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var champion = Champion() ?? throw new ModelRegistryException(ModelRegistryError.NothingToRollBack,
                "There is no champion to roll back: promote a version first.");
            var previous = _history.LastOrDefault(r => r.Version == champion.Version && r.Action == "promote")?.PreviousChampion
                ?? throw new ModelRegistryException(ModelRegistryError.NothingToRollBack,
                    $"Champion version {champion.Version} was the first champion: there is no earlier one to return to. Promote another version instead.");
            var record = new PromotionRecord(previous, champion.Version, "rollback", false,
                $"Rolled back from version {champion.Version} to version {previous}, the champion it replaced.", actor, time.GetUtcNow());
            Change(record);
            return Task.FromResult(record);
        }
    }

    public Task<IReadOnlyList<PromotionRecord>> HistoryAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<PromotionRecord>>([.. Enumerable.Reverse(_history)]);
        }
    }

    public Task<long?> LastTrainedSequenceAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_models.Max(m => m.Training.ThroughSequence));
        }
    }

    private RegisteredModel? Find(long version) => version >= 1 && version <= _models.Count ? _models[(int)version - 1] : null;

    private RegisteredModel? Champion() => _models.FirstOrDefault(m => m.Status == ModelStatus.Champion);

    private void Change(PromotionRecord record)
    {
        for (var i = 0; i < _models.Count; i++)
        {
            if (_models[i].Status == ModelStatus.Champion)
            {
                _models[i] = _models[i] with { Status = ModelStatus.Retired };
            }
        }

        var index = (int)record.Version - 1;
        _models[index] = _models[index] with { Status = ModelStatus.Champion, PromotedAt = record.At };
        _history.Add(record);
    }
}
