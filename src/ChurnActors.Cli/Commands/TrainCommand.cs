using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.LoadTools.Bench;
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
internal sealed class TrainCommand : CliCommand
{
    private readonly TrainingOptions _training = new();
    private readonly Option<int?> _cutoffs = CliOptions.Int(
        "--cutoffs", "N", "Training cut-offs (default 4), each --step apart before the evaluation cut-off.", minimum: 1, maximum: 120);
    private readonly Option<int?> _trees = CliOptions.Int("--trees", "N", "LightGBM boosting rounds (default 200).", minimum: 1, maximum: 10_000);
    private readonly Option<int?> _threads = CliOptions.Int(
        "--threads", "N", "LightGBM threads (default: one per core; 1 on a machine shared with other load).", minimum: 1, maximum: 256);
    private readonly Option<int?> _maxRows = CliOptions.Int(
        "--max-rows", "N",
        $"Most rows LightGBM trains on; beyond, a sample of whole customers (default {new LearnerSettings().MaximumTreeRows:N0}).", minimum: 1_000);
    private readonly Option<string?> _name = CliOptions.Text("--name", "NAME", "Model name (default churn-<horizon>d).");
    private readonly Option<string?> _version = CliOptions.Text("--version", "VERSION", "Model version (default <cutoff>-<training time>).");
    private readonly Option<string?> _out = CliOptions.Text("--out", "FILE", "Write the model snapshot (JSON) to FILE.");
    private readonly Option<bool> _register = CliOptions.Flag(
        "--register", "Store the model in the model registry (PostgreSQL: --connection) as a candidate under the next version.");
    private readonly Option<string?> _result = CliOptions.Text(
        "--result", "FILE", "Write the whole training result (snapshot, window, rows, evaluation) as JSON to FILE.");

    public TrainCommand(CliContext context)
        : base(
            "train",
            "Train a churn model on point-in-time rows from the event log and evaluate it against the baselines.",
            context,
            "Training cut-offs are E - k * step for k = 1, 2, ... whose labels end by E (cut-off + training horizon <= E), so " +
            "nothing at or after the evaluation cut-off E reaches a training row. Candidates are validated on 20 % of the " +
            "customers (by key hash); the winner is scored through its exported snapshot, as the engine scores. " +
            TrainingOptions.Description)
    {
        _training.AddWindowTo(this);
        Options.Add(_cutoffs);
        _training.AddRestTo(this, command =>
        {
            command.Options.Add(_trees);
            command.Options.Add(_threads);
            command.Options.Add(_maxRows);
            command.Options.Add(_name);
            command.Options.Add(_version);
        });
        Options.Add(_out);
        Options.Add(_register);
        Options.Add(_result);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var context = Context;
        var definition = _training.Definition(parseResult);
        var trainingHorizon = _training.TrainingHorizon(parseResult, definition);
        if (trainingHorizon > definition.Horizon)
        {
            throw new UsageException("--train-horizon may not be longer than --horizon");
        }

        var settings = new TrainingSettings
        {
            Definition = definition,
            EvaluationCutoff = _training.Cutoff(parseResult),
            TrainingHorizon = trainingHorizon,
            CutoffCount = parseResult.GetValue(_cutoffs) ?? 4,
            Step = _training.Step(parseResult),
            Learners = new LearnerSettings
            {
                Trees = parseResult.GetValue(_trees) ?? 200,
                Threads = parseResult.GetValue(_threads),
                MaximumTreeRows = parseResult.GetValue(_maxRows) ?? new LearnerSettings().MaximumTreeRows,
            },
            ModelName = parseResult.GetValue(_name),
            ModelVersion = parseResult.GetValue(_version),
        };

        var source = await _training.OpenSourceAsync(parseResult, context, cancellationToken).ConfigureAwait(false);
        if (source is null)
        {
            return ExitCodes.Failure;
        }

        var progress = new TrainingProgress();
        TrainingResult result;
        try
        {
            await using (_training.Quiet(parseResult) ? null : ProgressDisplay.Start(context, "training", progress.Describe))
            {
                result = await ChurnTrainingPipeline.TrainAsync(source, settings, progress, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IncompleteHistoryException or InvalidOperationException or Npgsql.NpgsqlException)
        {
            await context.Error.WriteLineAsync($"error: {(ex is Npgsql.NpgsqlException ? DatabaseTarget.Reason(ex) : ex.Message)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        if (parseResult.GetValue(_register))
        {
            try
            {
                result = await RegisterAsync(result, DatabaseTarget.ResolveConnectionString(_training.Connection(parseResult), context), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or ModelRegistryException)
            {
                await context.Error.WriteLineAsync($"error: the model was trained but could not be registered: {(ex is Npgsql.NpgsqlException ? DatabaseTarget.Reason(ex) : ex.Message)}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await context.Error.WriteLineAsync(
                $"registered as version {result.Snapshot.Version} in the model registry (a candidate: `churnactors models promote {result.Snapshot.Version}` makes it the champion through the gate)").ConfigureAwait(false);
        }

        var snapshotPath = parseResult.GetValue(_out);
        if (snapshotPath is not null)
        {
            await File.WriteAllTextAsync(snapshotPath, ModelSnapshotJson.Serialize(result.Snapshot), cancellationToken).ConfigureAwait(false);
        }

        if (parseResult.GetValue(_result) is { } resultPath)
        {
            await File.WriteAllTextAsync(resultPath, TrainingResultJson.Serialize(result), cancellationToken).ConfigureAwait(false);
        }

        await context.Out.WriteAsync(_training.Json(parseResult)
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
