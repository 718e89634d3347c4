using ChurnActors.Training.Pipeline;

namespace ChurnActors.Training.Tests;

public sealed class CutoffPlanTests
{
    private static readonly DateTimeOffset Evaluation = new(2025, 10, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_PlacesTrainingCutoffsWhoseLabelsEndByTheEvaluationCutoff()
    {
        var plan = CutoffPlan.Build(Evaluation, TimeSpan.FromDays(90), TimeSpan.FromDays(90), count: 3, TimeSpan.FromDays(30));

        Assert.Equal([Evaluation.AddDays(-90), Evaluation.AddDays(-120), Evaluation.AddDays(-150)], plan.Training);
        Assert.All(plan.Training, t => Assert.True(t + plan.TrainingHorizon <= Evaluation));
    }

    [Fact]
    public void Build_StartsOneStepBack_WhenTheTrainingHorizonIsShorterThanTheStep()
    {
        var plan = CutoffPlan.Build(Evaluation, TimeSpan.FromDays(90), TimeSpan.FromDays(7), count: 2, TimeSpan.FromDays(30));

        Assert.Equal([Evaluation.AddDays(-30), Evaluation.AddDays(-60)], plan.Training);
    }

    [Fact]
    public void ReplayCutoffs_PutsTheEvaluationCutoffLast_WithItsOwnHorizon()
    {
        var plan = CutoffPlan.Build(Evaluation, TimeSpan.FromDays(90), TimeSpan.FromDays(60), count: 2, TimeSpan.FromDays(30));

        var cutoffs = plan.ReplayCutoffs();

        Assert.Equal(plan.EvaluationIndex, cutoffs.Count - 1);
        Assert.Equal((Evaluation, TimeSpan.FromDays(90)), (cutoffs[^1].At, cutoffs[^1].Horizon));
        Assert.All(cutoffs.Take(2), c => Assert.Equal(TimeSpan.FromDays(60), c.Horizon));
    }
}
