namespace ChurnActors.Grains.Dispatch;

/// <summary>Progress of startup recovery, for the health endpoint.</summary>
public sealed class RecoveryStatus
{
    private int _customers;
    private int _done;
    private int _finished;

    public int Customers => Volatile.Read(ref _customers);

    public int Done => Volatile.Read(ref _done);

    public bool Finished => Volatile.Read(ref _finished) == 1;

    internal void Start(int customers) => Volatile.Write(ref _customers, customers);

    internal void Advance() => Interlocked.Increment(ref _done);

    internal void Finish() => Volatile.Write(ref _finished, 1);
}
