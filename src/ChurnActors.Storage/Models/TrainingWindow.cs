namespace ChurnActors.Storage.Models;

/// <summary>
/// What a model was trained on: events from <see cref="From"/> to <see cref="To"/>, training rows taken at the
/// <see cref="Cutoffs"/>, and the event log up to sequence <see cref="ThroughSequence"/> (which the coordinator
/// counts new events from).
/// </summary>
public sealed record TrainingWindow
{
    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public IReadOnlyList<DateTimeOffset> Cutoffs { get; init; } = [];

    public long? ThroughSequence { get; init; }
}
