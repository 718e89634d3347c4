namespace ChurnActors.Storage.Models;

/// <summary>
/// Which rows an evaluation scored: customers as of <paramref name="Cutoff"/>, labelled by whether they were active
/// within <paramref name="HorizonDays"/> after it, <paramref name="Count"/> of them. Two evaluations are comparable
/// only when these are equal.
/// </summary>
public sealed record EvaluationRows(DateTimeOffset Cutoff, int HorizonDays, long Count)
{
    public override string ToString() =>
        $"{Count:N0} rows at cut-off {Cutoff:yyyy-MM-dd HH:mm:ss}Z, {HorizonDays}-day horizon";
}
