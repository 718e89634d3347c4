namespace ChurnActors.Domain.Features;

/// <summary>One feature of the vector that <see cref="CustomerFeatures.WriteAsOf"/> writes.</summary>
/// <param name="Id">Its position in the vector.</param>
/// <param name="Name">A stable snake_case name (model snapshots and training files refer to features by it).</param>
/// <param name="Unit">What one unit of the value is (days, count, currency, ratio).</param>
/// <param name="Description">What it means, in one sentence.</param>
/// <param name="CanBeMissing">
/// True when the feature is <see cref="float.NaN"/> while it has no meaning yet (e.g. days between orders with
/// fewer than two orders). Tree models take NaN as missing; a linear model must impute it.
/// </param>
public sealed record FeatureDefinition(FeatureId Id, string Name, string Unit, string Description, bool CanBeMissing);
