using System.Globalization;
using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.LoadTools.Bench;
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
internal sealed class EvaluateCommand : CliCommand
{
    private readonly TrainingOptions _training = new();
    private readonly Option<string?> _model = CliOptions.Text(
        "--model", "FILE|VERSION",
        "The model: a snapshot (train --out), a training result (train --result) or a version in the model registry (train --register).",
        required: true);

    public EvaluateCommand(CliContext context)
        : base(
            "evaluate",
            "Evaluate a stored churn model at a cut-off against the recency and BG/NBD baselines.",
            context,
            "The recency baseline's probabilities are fitted on the rows one --step (and --train-horizon) before the " +
            "cut-off, as in training; BG/NBD is fitted on the orders before the cut-off. " + TrainingOptions.Description)
    {
        Options.Add(_model);
        _training.AddWindowTo(this);
        _training.AddRestTo(this);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var context = Context;
        var definition = _training.Definition(parseResult);
        var plan = CutoffPlan.Build(
            _training.Cutoff(parseResult),
            definition.Horizon,
            _training.TrainingHorizon(parseResult, definition),
            count: 1,
            _training.Step(parseResult));

        var modelArgument = parseResult.GetValue(_model)!;
        IModelSource models = long.TryParse(modelArgument, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && !File.Exists(modelArgument)
            ? new RegistryModelSource(version, DatabaseTarget.ResolveConnectionString(_training.Connection(parseResult), context))
            : new FileModelSource(modelArgument);
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

        var source = await _training.OpenSourceAsync(parseResult, context, cancellationToken).ConfigureAwait(false);
        if (source is null)
        {
            return ExitCodes.Failure;
        }

        var progress = new TrainingProgress();
        EvaluationReport report;
        try
        {
            await using (_training.Quiet(parseResult) ? null : ProgressDisplay.Start(context, "evaluating", progress.Describe))
            {
                report = await ChurnTrainingPipeline.EvaluateAsync(snapshot, source, definition, plan, progress, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IncompleteHistoryException or InvalidModelSnapshotException or Npgsql.NpgsqlException)
        {
            await context.Error.WriteLineAsync($"error: {(ex is Npgsql.NpgsqlException ? DatabaseTarget.Reason(ex) : ex.Message)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await context.Out.WriteAsync(_training.Json(parseResult)
            ? TrainingReport.FormatJson(report, snapshot, source.Description) + Environment.NewLine
            : TrainingReport.FormatTable(report, snapshot, source.Description)).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
