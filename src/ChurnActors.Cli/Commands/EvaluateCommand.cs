using System.Globalization;
using ChurnActors.Cli.Arguments;
using ChurnActors.Cli.Bench;
using ChurnActors.Cli.Training;
using ChurnActors.Domain.Scoring;
using ChurnActors.Training;
using ChurnActors.Training.Evaluation;
using ChurnActors.Training.Pipeline;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors evaluate</c>: scores a stored model snapshot on the point-in-time rows at a cut-off and compares it
/// with the recency and BG/NBD baselines on the same rows.
/// </summary>
internal sealed class EvaluateCommand : ICliCommand
{
    private readonly Func<string, IModelSource> _models;

    public EvaluateCommand()
        : this(path => new FileModelSource(path))
    {
    }

    /// <param name="models">Turns the --model value into a model source (a file today; a registry version later).</param>
    public EvaluateCommand(Func<string, IModelSource> models)
    {
        _models = models;
    }

    public CommandSpec Spec { get; } = new(
        "evaluate",
        "Evaluate a stored churn model at a cut-off against the recency and BG/NBD baselines.",
        [
            OptionSpec.Value("model", "FILE|VERSION", "The model: a snapshot (train --out), a training result (train --result) or a version in the model registry (train --register).", required: true),
            TrainingArguments.Cutoff,
            TrainingArguments.Horizon,
            TrainingArguments.TrainHorizon,
            TrainingArguments.Step,
            TrainingArguments.ActivityEvents,
            TrainingArguments.MinimumOrders,
            TrainingArguments.MaximumDaysSinceOrder,
            DatabaseTarget.ConnectionOption,
            TrainingArguments.Events,
            TrainingArguments.Json,
            TrainingArguments.Quiet,
        ],
        "The recency baseline's probabilities are fitted on the rows one --step (and --train-horizon) before the\n" +
        "cut-off, as in training; BG/NBD is fitted on the orders before the cut-off.\n" +
        TrainingArguments.Description);

    public async Task<int> ExecuteAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);

        var definition = TrainingArguments.ReadDefinition(arguments);
        var trainingHorizon = TrainingArguments.ReadDuration(arguments, TrainingArguments.TrainHorizon, definition.Horizon);
        var plan = CutoffPlan.Build(
            TrainingArguments.ReadCutoff(arguments),
            definition.Horizon,
            trainingHorizon,
            count: 1,
            TrainingArguments.ReadDuration(arguments, TrainingArguments.Step, TimeSpan.FromDays(30)));

        var modelArgument = arguments.GetString("model")!;
        var models = long.TryParse(modelArgument, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && !File.Exists(modelArgument)
            ? new RegistryModelSource(version, DatabaseTarget.ResolveConnectionString(arguments, context))
            : _models(modelArgument);
        ModelSnapshot snapshot;
        try
        {
            snapshot = await models.LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidModelSnapshotException or IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"error: cannot use model {models.Description}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var source = await TrainingArguments.OpenSourceAsync(arguments, context, cancellationToken).ConfigureAwait(false);
        if (source is null)
        {
            return ExitCodes.Failure;
        }

        var progress = new TrainingProgress();
        EvaluationReport report;
        try
        {
            await using (arguments.Has("quiet") ? null : ProgressReporter.Start(context.Error, context.ErrorIsTerminal, progress.Describe))
            {
                report = await ChurnTrainingPipeline.EvaluateAsync(snapshot, source, definition, plan, progress, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IncompleteHistoryException or InvalidModelSnapshotException or Npgsql.NpgsqlException)
        {
            await context.Error.WriteLineAsync($"error: {(ex is Npgsql.NpgsqlException ? DatabaseTarget.Reason(ex) : ex.Message)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await context.Out.WriteAsync(arguments.Has("json")
            ? TrainingReport.FormatJson(report, snapshot, source.Description) + Environment.NewLine
            : TrainingReport.FormatTable(report, snapshot, source.Description)).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
