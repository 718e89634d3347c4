using System.Text.Json.Serialization;

namespace ChurnActors.Domain.Scoring;

/// <summary>How a raw model score is turned into a probability.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CalibrationKind>))]
public enum CalibrationKind
{
    /// <summary>Platt's sigmoid: P = 1 / (1 + exp(A * score + B)).</summary>
    Platt = 1,

    /// <summary>A monotone piecewise table fitted by pool-adjacent-violators (isotonic regression).</summary>
    Isotonic = 2,
}
