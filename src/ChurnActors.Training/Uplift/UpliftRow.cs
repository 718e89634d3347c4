namespace ChurnActors.Training.Uplift;

/// <summary>One customer of a randomised experiment, for the uplift model.</summary>
/// <param name="Key">A stable identity of the row (its line in the file), which decides its side of the train/test split.</param>
/// <param name="Features">The pre-treatment features.</param>
/// <param name="Treated">In the treatment arm (false: control).</param>
/// <param name="Outcome">Responded (converted, visited).</param>
public sealed record UpliftRow(string Key, HillstromFeatures Features, bool Treated, bool Outcome);
