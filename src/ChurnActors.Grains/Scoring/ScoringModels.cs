using ChurnActors.Domain.Risk;
using ChurnActors.Domain.Scoring;
using Microsoft.Extensions.Options;

namespace ChurnActors.Grains.Scoring;

/// <summary>
/// The models this silo scores with: the promoted churn classifier if there is one, else the shop's lifetime
/// (BG/NBD) fit once it has enough history (<see cref="LifetimeFitService"/>). Grains read <see cref="Current"/> at every rescoring, so a model set here
/// is used from each customer's next event or wake-up on. A promoted classifier whose snapshot blends in the lifetime
/// model is rebuilt with each new lifetime fit, so it always blends with the current one.
/// </summary>
public sealed class ScoringModels
{
    private readonly Lock _gate = new();
    private volatile IChurnModel? _trained;
    private volatile ShopLifetimeModel? _lifetime;
    private const string NoModel = "No churn model yet: scores start once a model is promoted or the shop's history supports a BG/NBD fit.";
    private volatile string _lifetimeReason = "The shop's lifetime model has not been fitted yet.";
    private volatile string _noModelReason = NoModel + " The shop's lifetime model has not been fitted yet.";

    public ScoringModels(IOptions<ScoringOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        Bands = settings.Bands;
        Bands.Validate();
        if (settings.ModelFile is { Length: > 0 } path)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"ChurnActors:Scoring:ModelFile names {path}, which does not exist. Point it at a model snapshot JSON or remove the setting.", path);
            }

            _trained = new TrainedChurnModel(ModelSnapshotJson.Deserialize(File.ReadAllText(path)));
        }
    }

    public RiskBands Bands { get; }

    /// <summary>The model a rescoring uses now; null when none can score yet.</summary>
    public IChurnModel? Current => _trained ?? _lifetime;

    /// <summary>The promoted churn classifier, if any.</summary>
    public IChurnModel? Trained => _trained;

    /// <summary>The shop's lifetime fit (CLV figures, and churn scores until a classifier is promoted), if any.</summary>
    public ShopLifetimeModel? Lifetime => _lifetime;

    /// <summary>Why there is no lifetime fit, when there is none.</summary>
    public string LifetimeReason => _lifetimeReason;

    /// <summary>Why no customer can be scored, while <see cref="Current"/> is null (built once, not per delivery).</summary>
    public string NoModelReason => _noModelReason;

    /// <summary>Publishes a new lifetime fit, or none with the reason why.</summary>
    public void UseLifetime(ShopLifetimeModel? model, string? reason)
    {
        lock (_gate)
        {
            _lifetimeReason = reason ?? string.Empty;
            _noModelReason = NoModel + " " + _lifetimeReason;
            _lifetime = model;
            if (_trained is TrainedChurnModel trained && trained.Snapshot.Lifetime is not null)
            {
                _trained = trained.WithLifetime(model?.Transactions);
            }
        }
    }

    /// <summary>Scores with <paramref name="model"/> from every customer's next rescoring on (blended with the current lifetime fit when its snapshot asks for it).</summary>
    public void UseTrained(IChurnModel? model)
    {
        lock (_gate)
        {
            _trained = model is TrainedChurnModel trained && trained.Snapshot.Lifetime is not null
                ? trained.WithLifetime(_lifetime?.Transactions)
                : model;
        }
    }
}
