using ChurnActors.Domain.Scoring;

namespace ChurnActors.Training.Learning;

/// <summary>A trained candidate: its exported snapshot and the number of rows it learnt from.</summary>
public sealed record LearnedModel(ModelSnapshot Snapshot, int Rows);
