namespace ChurnActors.Simulation;

/// <summary>Running totals of a simulation, safe to read from the progress reporter's thread.</summary>
public sealed class SimulationRun
{
    private long customersDone;
    private long events;
    private long orders;
    private long droppedOut;

    public SimulationRun(int customersTotal)
    {
        CustomersTotal = customersTotal;
    }

    public int CustomersTotal { get; }

    public long CustomersDone => Interlocked.Read(ref customersDone);

    public long Events => Interlocked.Read(ref events);

    public long Orders => Interlocked.Read(ref orders);

    public long DroppedOut => Interlocked.Read(ref droppedOut);

    public void Add(CustomerSimulation customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        Interlocked.Add(ref events, customer.Events.Count);
        Interlocked.Add(ref orders, customer.Truth.Orders);
        if (customer.Truth.DropoutAt is not null)
        {
            Interlocked.Increment(ref droppedOut);
        }

        Interlocked.Increment(ref customersDone);
    }
}
