namespace ChurnActors.Training;

/// <summary>
/// What a training or evaluation run is doing, for a progress line: the phase and running counts. Written by the run,
/// read from another thread at any time.
/// </summary>
public sealed class TrainingProgress
{
    private long _events;
    private long _customers;
    private long _rows;
    private volatile string _phase = "starting";

    /// <summary>The current phase, e.g. "reading and replaying", "training lightgbm".</summary>
    public string Phase => _phase;

    public long Events => Interlocked.Read(ref _events);

    public long Customers => Interlocked.Read(ref _customers);

    public long Rows => Interlocked.Read(ref _rows);

    public void Enter(string phase) => _phase = phase;

    public void AddEvents(long count) => Interlocked.Add(ref _events, count);

    public void AddCustomer(int rows)
    {
        Interlocked.Increment(ref _customers);
        Interlocked.Add(ref _rows, rows);
    }

    /// <summary>One line such as "reading and replaying: 1,234,567 events, 20,000 customers, 80,000 rows".</summary>
    public string Describe() => $"{Phase}: {Events:N0} events, {Customers:N0} customers, {Rows:N0} rows";
}
