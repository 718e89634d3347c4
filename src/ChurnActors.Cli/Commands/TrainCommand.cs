using ChurnActors.Cli.Arguments;
using ChurnActors.Cli.Bench;
using ChurnActors.Cli.Training;
using ChurnActors.Domain.Scoring;
using ChurnActors.Training;
using ChurnActors.Training.Learning;
using ChurnActors.Storage.Models;
using ChurnActors.Training.Pipeline;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors train</c>: replays the event log at past cut-offs, trains LightGBM and logistic regression, exports
/// the winner as a model snapshot and evaluates it against the recency and BG/NBD baselines at the evaluation cut-off.
/// </summary>
internal sealed class TrainCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new(
        "train",
        "Train a churn model on point-in-time rows from the event log and evaluate it against the baselines.",
        [
            TrainingArguments.Cutoff,
            TrainingArguments.Horizon,
            TrainingArguments.TrainHorizon,
            OptionSpec.Value("cutoffs", "N", "Training cut-offs (default 4), each --step apart before the evaluation cut-off."),
            TrainingArguments.Step,
            TrainingArguments.ActivityEvents,
            TrainingArguments.MinimumOrders,
            TrainingArguments.MaximumDaysSinceOrder,
            OptionSpec.Value("trees", "N", "LightGBM boosting rounds (default 200)."),
            OptionSpec.Value("threads", "N", "LightGBM threads (default: one per core; 1 on a machine shared with other load)."),
            OptionSpec.Value(
                "max-rows", "N",
                $"Most rows LightGBM trains on; beyond, a sample of whole customers (default {new LearnerSettings().MaximumTreeRows:N0})."),
            OptionSpec.Value("name", "NAME", "Model name (default churn-<horizon>d)."),
            OptionSpec.Value("version", "VERSION", "Model version (default <cutoff>-<training time>)."),
            DatabaseTarget.ConnectionOption,
            TrainingArguments.Events,
            OptionSpec.Value("out", "FILE", "Write the model snapshot (JSON) to FILE."),
            OptionSpec.Flag("register", "Store the model in the model registry (PostgreSQL: --connection) as a candidate under the next version."),
            OptionSpec.Value("result", "FILE", "Write the whole training result (snapshot, window, rows, evaluation) as JSON to FILE."),
            TrainingArguments.Json,
            TrainingArguments.Quiet,
        ],
        "Training cut-offs are E - k * step for k = 1, 2, ... whose labels end by E (cut-off + training horizon <= E), so\n" +
        "nothing at or after the evaluation cut-off E reaches a training row. Candidates are validated on 20 % of the\n" +
        "customers (by key hash); the winner is scored through its exported snapshot, as the engine scores.\n" +
        TrainingArguments.Description);

    public async Task<int> ExecuteAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);

        var definition = TrainingArguments.ReadDefinition(arguments);
        var trainingHorizon = TrainingArguments.ReadDuration(arguments, TrainingArguments.TrainHorizon, definition.Horizon);
        if (trainingHorizon > definition.Horizon)
        {
            throw new UsageException("--train-horizon may not be longer than --horizon");
        }

        var settings = new TrainingSettings
        {
            Definition = definition,
            EvaluationCutoff = TrainingArguments.ReadCutoff(arguments),
            TrainingHorizon = trainingHorizon,
            CutoffCount = arguments.GetInt32("cutoffs", minimum: 1, maximum: 120) ?? 4,
            Step = TrainingArguments.ReadDuration(arguments, TrainingArguments.Step, TimeSpan.FromDays(30)),
            Learners = new LearnerSettings
            {
                Trees = arguments.GetInt32("trees", minimum: 1, maximum: 10_000) ?? 200,
                Threads = arguments.GetInt32("threads", minimum: 1, maximum: 256),
                MaximumTreeRows = arguments.GetInt32("max-rows", minimum: 1_000) ?? new LearnerSettings().MaximumTreeRows,
            },
            ModelName = arguments.GetString("name"),
            ModelVersion = arguments.GetString("version"),
        };

        var source = await TrainingArguments.OpenSourceAsync(arguments, context, cancellationToken).ConfigureAwait(false);
        if (source is null)
        {
            return ExitCodes.Failure;
        }

        var progress = new TrainingProgress();
        TrainingResult result;
        try
        {
            await using (arguments.Has("quiet") ? null : ProgressReporter.Start(context.Error, context.ErrorIsTerminal, progress.Describe))
            {
                result = await ChurnTrainingPipeline.TrainAsync(source, settings, progress, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IncompleteHistoryException or InvalidOperationException or Npgsql.NpgsqlException)
        {
            await context.Error.WriteLineAsync($"error: {(ex is Npgsql.NpgsqlException ? DatabaseTarget.Reason(ex) : ex.Message)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        if (arguments.Has("register"))
        {
            try
            {
                result = await RegisterAsync(result, DatabaseTarget.ResolveConnectionString(arguments, context), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or ModelRegistryException)
            {
                await context.Error.WriteLineAsync($"error: the model was trained but could not be registered: {(ex is Npgsql.NpgsqlException ? DatabaseTarget.Reason(ex) : ex.Message)}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await context.Error.WriteLineAsync(
                $"registered as version {result.Snapshot.Version} in the model registry (a candidate: `churnactors models promote {result.Snapshot.Version}` makes it the champion through the gate)").ConfigureAwait(false);
        }

        var snapshotPath = arguments.GetString("out");
        if (snapshotPath is not null)
        {
            await File.WriteAllTextAsync(snapshotPath, ModelSnapshotJson.Serialize(result.Snapshot), cancellationToken).ConfigureAwait(false);
        }

        if (arguments.GetString("result") is { } resultPath)
        {
            await File.WriteAllTextAsync(resultPath, TrainingResultJson.Serialize(result), cancellationToken).ConfigureAwait(false);
        }

        await context.Out.WriteAsync(arguments.Has("json")
            ? TrainingReport.FormatJson(result, snapshotPath) + Environment.NewLine
            : TrainingReport.FormatTable(result, snapshotPath)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>Stores the model in the registry; its snapshot takes the registry's version number.</summary>
    private static async Task<TrainingResult> RegisterAsync(TrainingResult result, string connectionString, CancellationToken cancellationToken)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        var registry = new PostgresModelRegistry(dataSource, TimeProvider.System);
        var registered = await registry.RegisterAsync(result.ToRegistration(), cancellationToken).ConfigureAwait(false);
        return registered.Snapshot is { } snapshot ? result with { Snapshot = snapshot } : result;
    }
}
