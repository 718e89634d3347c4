using ChurnActors.Domain.Replay;

namespace ChurnActors.Training.Pipeline;

/// <summary>The rows a replay produced: those of the training cut-offs and those of the evaluation cut-off.</summary>
/// <param name="Training">Rows of the training cut-offs.</param>
/// <param name="Evaluation">Rows of the evaluation cut-off.</param>
/// <param name="Customers">Customers replayed.</param>
public sealed record ReplayedRows(IReadOnlyList<PointInTimeRow> Training, IReadOnlyList<PointInTimeRow> Evaluation, long Customers);
