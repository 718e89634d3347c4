using System.Globalization;

namespace ChurnActors.Storage.Models;

/// <summary>
/// Decides whether a candidate may replace the champion: both must have been scored on the same evaluation rows (the
/// candidate's own evaluation and the champion's, or the champion re-scored on the candidate's rows by the trainer),
/// and the candidate must be no worse on either figure: ROC AUC not lower, Brier score not higher; and its calibration
/// must hold: an expected calibration error (ECE) more than <see cref="EceTolerance"/> above the champion's is refused.
/// </summary>
public static class PromotionGate
{
    /// <summary>How much worse than the champion's a candidate's expected calibration error may be.</summary>
    public const double EceTolerance = 0.02;

    /// <summary>Checks <paramref name="candidate"/> against <paramref name="champion"/> (null: there is none yet).</summary>
    public static GateDecision Check(RegisteredModel candidate, RegisteredModel? champion)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var mine = candidate.Evaluation;
        if (champion is null)
        {
            return new GateDecision(true,
                $"No champion yet; version {candidate.Version} (AUC {F(mine.Auc)}, Brier {F(mine.Brier)} on {mine.Rows}) becomes the first.");
        }

        double championAuc, championBrier;
        double? championEce;
        if (champion.Evaluation.Rows == mine.Rows)
        {
            (championAuc, championBrier, championEce) = (champion.Evaluation.Auc, champion.Evaluation.Brier, champion.Evaluation.Ece);
        }
        else if (mine.Champion is { } comparison && comparison.Version == champion.Version)
        {
            (championAuc, championBrier, championEce) = (comparison.Auc, comparison.Brier, comparison.Ece);
        }
        else
        {
            return new GateDecision(false,
                $"Version {candidate.Version} was evaluated on {mine.Rows}, champion version {champion.Version} on {champion.Evaluation.Rows}, " +
                $"and the candidate's evaluation does not re-score champion {champion.Version} on its rows: the two cannot be compared. " +
                "Evaluate both on the same rows, or promote with force to override the gate.");
        }

        var worse = new List<string>();
        if (mine.Auc < championAuc)
        {
            worse.Add($"AUC {F(mine.Auc)} is below the champion's {F(championAuc)}");
        }

        if (mine.Brier > championBrier)
        {
            worse.Add($"Brier {F(mine.Brier)} is above the champion's {F(championBrier)}");
        }

        // Both must have measured their calibration on these rows for the rule to apply (older evaluations did not).
        if (mine.Ece is { } ece && championEce is { } theirs && ece > theirs + EceTolerance)
        {
            worse.Add($"expected calibration error {F(ece)} is more than {EceTolerance.ToString("0.00", CultureInfo.InvariantCulture)} above the champion's {F(theirs)}");
        }

        return worse.Count > 0
            ? new GateDecision(false,
                $"Version {candidate.Version} is worse than champion version {champion.Version} on {mine.Rows}: {string.Join("; ", worse)}. " +
                "Promote with force to override the gate.")
            : new GateDecision(true,
                $"Version {candidate.Version} (AUC {F(mine.Auc)}, Brier {F(mine.Brier)}) is no worse than champion version {champion.Version} " +
                $"(AUC {F(championAuc)}, Brier {F(championBrier)}) on {mine.Rows}.");
    }

    /// <summary>Refuses an evaluation whose figures are not figures.</summary>
    public static void Validate(ModelEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        if (evaluation.Rows is null || evaluation.Rows.Count <= 0 || evaluation.Rows.HorizonDays <= 0)
        {
            throw new ModelRegistryException(ModelRegistryError.Invalid,
                "The evaluation must name its rows: a cut-off, a horizon of at least one day and at least one row.");
        }

        if (!(evaluation.Auc is >= 0 and <= 1) || !(evaluation.Brier is >= 0 and <= 1) || evaluation.Ece is not (null or (>= 0 and <= 1)))
        {
            throw new ModelRegistryException(ModelRegistryError.Invalid,
                $"The evaluation's AUC ({F(evaluation.Auc)}), Brier score ({F(evaluation.Brier)}) and expected calibration error " +
                $"({(evaluation.Ece is { } ece ? F(ece) : "none")}) must lie in [0, 1].");
        }
    }

    private static string F(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);
}
