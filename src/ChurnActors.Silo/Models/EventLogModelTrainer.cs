using ChurnActors.Domain.Replay;
using ChurnActors.Grains.Models;
using ChurnActors.Grains.Scoring;
using ChurnActors.Training;
using ChurnActors.Training.Events;
using ChurnActors.Training.Learning;
using ChurnActors.Training.Pipeline;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChurnActors.Silo.Models;

/// <summary>
/// The coordinator's trainer on a PostgreSQL host: the same pipeline as <c>churnactors train</c>. Churn is no completed
/// order within <see cref="ScoringOptions.Horizon"/>, the horizon the live scores refer to. The evaluation cut-off is
/// the latest whole day whose horizon the log fully covers (so its labels are complete: the log's newest event, or the
/// request time if earlier, is at least a horizon later); the training cut-offs lie before it. The champion in service
/// is scored on the same evaluation rows, for the promotion gate. It reads through <paramref name="dataSource"/>, a
/// pool without a command timeout (reading a whole log takes minutes).
/// </summary>
public sealed class EventLogModelTrainer(
    NpgsqlDataSource dataSource,
    IOptions<ModelTrainingOptions> options,
    IOptions<ScoringOptions> scoring,
    ILogger<EventLogModelTrainer> logger) : IModelTrainer
{
    private readonly ModelTrainingOptions _options = options.Value;

    /// <summary>The churn horizon: the same as the live scores' (<see cref="ScoringOptions.Horizon"/>).</summary>
    private readonly TimeSpan _horizon = scoring.Value.Horizon;

    public async Task<TrainedCandidate?> TrainAsync(TrainingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = new PostgresHistorySource(dataSource);
        var latest = await source.ReadLatestEventAsync(cancellationToken).ConfigureAwait(false);
        if (latest is null)
        {
            ModelTrainingLog.NotEnoughHistory(logger, "the event log is empty");
            return null;
        }

        var cutoff = EvaluationCutoff(latest.Value < request.AsOf ? latest.Value : request.AsOf, _horizon);
        var settings = new TrainingSettings
        {
            Definition = new ChurnDefinition(_horizon),
            EvaluationCutoff = cutoff,
            CutoffCount = _options.Cutoffs,
            Step = _options.Step,
            Learners = new LearnerSettings { Trees = _options.Trees },
        };

        ModelTrainingLog.Starting(logger, request.ThroughSequence, cutoff, _horizon);
        TrainingResult result;
        try
        {
            result = await ChurnTrainingPipeline.TrainAsync(
                source, settings, new TrainingProgress(), request.Champion?.Snapshot, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (IncompleteHistoryException ex)
        {
            ModelTrainingLog.NotEnoughHistory(logger, ex.Message);
            return null;
        }

        var model = result.Evaluation.Model;
        ModelTrainingLog.Trained(logger, result.Snapshot.Name, result.Snapshot.Version, result.Learner, result.Timings.Total, model.Auc, model.Brier, model.Rows);
        var registration = result.ToRegistration(request.ThroughSequence, request.Champion?.Version);
        return new TrainedCandidate(registration.Snapshot, registration.Training, registration.Evaluation);
    }

    /// <summary>The start of the latest UTC day D such that D + horizon is not after <paramref name="asOf"/>.</summary>
    public static DateTimeOffset EvaluationCutoff(DateTimeOffset asOf, TimeSpan horizon)
    {
        var latest = asOf.ToUniversalTime() - horizon;
        return new DateTimeOffset(latest.Year, latest.Month, latest.Day, 0, 0, 0, TimeSpan.Zero);
    }
}
