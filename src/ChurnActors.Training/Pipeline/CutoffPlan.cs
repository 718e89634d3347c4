using ChurnActors.Domain.Replay;

namespace ChurnActors.Training.Pipeline;

/// <summary>
/// The cut-offs of a training run: the evaluation cut-off E with its horizon, and training cut-offs E - k * step
/// (k = 1, 2, ...) whose labels are complete before E (cut-off + training horizon &lt;= E), so no training row's label
/// or features look at anything at or after E.
/// </summary>
/// <param name="Evaluation">E: the model is evaluated on the rows at E.</param>
/// <param name="EvaluationHorizon">The horizon of the evaluation labels.</param>
/// <param name="TrainingHorizon">The horizon of the training labels (at most the evaluation horizon when history is short).</param>
/// <param name="Training">The training cut-offs, latest first.</param>
public sealed record CutoffPlan(DateTimeOffset Evaluation, TimeSpan EvaluationHorizon, TimeSpan TrainingHorizon, IReadOnlyList<DateTimeOffset> Training)
{
    /// <summary>Plans <paramref name="count"/> training cut-offs <paramref name="step"/> apart before <paramref name="evaluation"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A horizon or the step is not positive, or the count is below 1.</exception>
    public static CutoffPlan Build(DateTimeOffset evaluation, TimeSpan evaluationHorizon, TimeSpan trainingHorizon, int count, TimeSpan step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(evaluationHorizon, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(trainingHorizon, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);

        // The first k whose label window ends by E: k * step >= trainingHorizon.
        var first = (long)Math.Ceiling(trainingHorizon.Ticks / (double)step.Ticks);
        var training = new List<DateTimeOffset>(count);
        for (var k = Math.Max(1, first); training.Count < count; k++)
        {
            training.Add(evaluation - (step * k));
        }

        return new CutoffPlan(evaluation, evaluationHorizon, trainingHorizon, training);
    }

    /// <summary>The replay cut-offs: the training ones (indexes 0..n-1, latest first) then the evaluation one (index n).</summary>
    public IReadOnlyList<ReplayCutoff> ReplayCutoffs() =>
        [.. Training.Select(t => new ReplayCutoff(t, TrainingHorizon)), new ReplayCutoff(Evaluation, EvaluationHorizon)];

    /// <summary>The index of the evaluation cut-off in <see cref="ReplayCutoffs"/>.</summary>
    public int EvaluationIndex => Training.Count;

    /// <summary>The end of the evaluation labels: the log must reach it for the evaluation to be complete.</summary>
    public DateTimeOffset EvaluationEnd => Evaluation + EvaluationHorizon;
}
