using ChurnActors.Training.Uplift;

namespace ChurnActors.Cli.Uplift;

/// <summary>One customer of the Hillstrom e-mail experiment: where it is in the file, its features, its arm and outcomes.</summary>
internal sealed record HillstromRecord(long Line, HillstromFeatures Features, string Segment, bool Visit, bool Conversion, double Spend);
