namespace ChurnActors.Training.Events;

/// <summary>Where training reads the event log from: customer by customer, each customer's events together.</summary>
public interface ICustomerHistorySource
{
    /// <summary>A short description for progress and reports, e.g. "PostgreSQL 127.0.0.1:5432/shop".</summary>
    string Description { get; }

    /// <summary>The timestamp of the latest event in the log, or null when the log is empty.</summary>
    Task<DateTimeOffset?> ReadLatestEventAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Every customer's events that happened before <paramref name="before"/>, one customer at a time. Each customer
    /// appears once. <paramref name="progress"/> counts the events read.
    /// </summary>
    IAsyncEnumerable<CustomerHistory> ReadAsync(DateTimeOffset before, TrainingProgress progress, CancellationToken cancellationToken);
}
