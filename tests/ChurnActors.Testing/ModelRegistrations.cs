using ChurnActors.Storage.Models;

namespace ChurnActors.Testing;

/// <summary>Registrations of the hand-made <see cref="SilenceModel"/> with chosen evaluation figures.</summary>
public static class ModelRegistrations
{
    public static readonly EvaluationRows Rows = new(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), 30, 5_000);

    public static ModelRegistration Registration(double auc, double brier, EvaluationRows? rows = null, ChampionComparison? champion = null, long? through = null, double? ece = null) =>
        new(
            SilenceModel.Snapshot("trainer-" + Guid.NewGuid().ToString("N")[..8]),
            new TrainingWindow
            {
                From = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                To = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero),
                Cutoffs = [new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero)],
                ThroughSequence = through,
            },
            new ModelEvaluation
            {
                Rows = rows ?? Rows,
                Auc = auc,
                Brier = brier,
                Ece = ece,
                Metrics = new Dictionary<string, double> { ["logLoss"] = 0.41 },
                Champion = champion,
            });
}
