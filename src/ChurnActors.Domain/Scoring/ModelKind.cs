using System.Text.Json.Serialization;

namespace ChurnActors.Domain.Scoring;

/// <summary>The family of a model snapshot, which decides how its raw score is computed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelKind>))]
public enum ModelKind
{
    /// <summary>A weighted sum of the features plus a bias (logistic regression and other linear models).</summary>
    Linear = 1,

    /// <summary>A sum of regression trees (gradient boosted trees from FastTree or LightGBM).</summary>
    TreeEnsemble = 2,
}
