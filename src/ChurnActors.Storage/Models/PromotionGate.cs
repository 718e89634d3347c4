using System.Globalization;

namespace ChurnActors.Storage.Models;

/// <summary>
/// Decides whether a candidate may replace the champion: both must have been scored on the same evaluation rows (the
/// candidate's own evaluation and the champion's, or the champion re-scored on the candidate's rows by the trainer),
/// and the candidate must be no worse on either figure: ROC AUC not lower, Brier score not higher.
/// </summary>
public static class PromotionGate
{
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
        if (champion.Evaluation.Rows == mine.Rows)
        {
            (championAuc, championBrier) = (champion.Evaluation.Auc, champion.Evaluation.Brier);
        }
        else if (mine.Champion is { } comparison && comparison.Version == champion.Version)
        {
            (championAuc, championBrier) = (comparison.Auc, comparison.Brier);
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

        if (!(evaluation.Auc is >= 0 and <= 1) || !(evaluation.Brier is >= 0 and <= 1))
        {
            throw new ModelRegistryException(ModelRegistryError.Invalid,
                $"The evaluation's AUC ({F(evaluation.Auc)}) and Brier score ({F(evaluation.Brier)}) must both lie in [0, 1].");
        }
    }

    private static string F(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);
}
