namespace ChurnActors.Grains.Dispatch;

/// <summary>Progress of startup recovery, and the takeovers of dead nodes this silo ran, for the health endpoint.</summary>
public sealed class RecoveryStatus
{
    private int _customers;
    private int _done;
    private int _finished;
    private int _takeovers;
    private int _takeoverCustomers;

    public int Customers => Volatile.Read(ref _customers);

    public int Done => Volatile.Read(ref _done);

    public bool Finished => Volatile.Read(ref _finished) == 1;

    /// <summary>Dead nodes whose checkpoints this silo took over and finished.</summary>
    public int Takeovers => Volatile.Read(ref _takeovers);

    /// <summary>Customers this silo caught up while taking over dead nodes.</summary>
    public int TakeoverCustomers => Volatile.Read(ref _takeoverCustomers);

    internal void Start(int customers) => Volatile.Write(ref _customers, customers);

    internal void Advance() => Interlocked.Increment(ref _done);

    internal void Finish() => Volatile.Write(ref _finished, 1);

    internal void TookOver(int customers)
    {
        Interlocked.Add(ref _takeoverCustomers, customers);
        Interlocked.Increment(ref _takeovers);
    }
}
