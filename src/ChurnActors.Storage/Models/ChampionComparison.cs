namespace ChurnActors.Storage.Models;

/// <summary>
/// The champion of the day re-scored on the candidate's own evaluation rows, so that the promotion gate can compare
/// the two on the same rows even though the champion's stored evaluation is older.
/// </summary>
/// <param name="Version">The champion's registry version.</param>
/// <param name="Auc">Its ROC AUC on the candidate's rows.</param>
/// <param name="Brier">Its Brier score on the candidate's rows.</param>
/// <param name="Ece">Its expected calibration error on the candidate's rows (null when not computed).</param>
public sealed record ChampionComparison(long Version, double Auc, double Brier, double? Ece = null);
