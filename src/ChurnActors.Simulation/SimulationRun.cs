namespace ChurnActors.Simulation;

/// <summary>Running totals of a simulation, safe to read from the progress reporter's thread.</summary>
public sealed class SimulationRun
{
    private long _customersDone;
    private long _events;
    private long _orders;
    private long _droppedOut;

    public SimulationRun(int customersTotal)
    {
        CustomersTotal = customersTotal;
    }

    public int CustomersTotal { get; }

    public long CustomersDone => Interlocked.Read(ref _customersDone);

    public long Events => Interlocked.Read(ref _events);

    public long Orders => Interlocked.Read(ref _orders);

    public long DroppedOut => Interlocked.Read(ref _droppedOut);

    public void Add(CustomerSimulation customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        Interlocked.Add(ref _events, customer.Events.Count);
        Interlocked.Add(ref _orders, customer.Truth.Orders);
        if (customer.Truth.DropoutAt is not null)
        {
            Interlocked.Increment(ref _droppedOut);
        }

        Interlocked.Increment(ref _customersDone);
    }
}
