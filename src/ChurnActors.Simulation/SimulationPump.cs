namespace ChurnActors.Simulation;

/// <summary>
/// Simulates the customers of a run one after another, writes each one's ground truth and hands every event (one
/// Segment message, UTF-8 JSON) to a destination: a JSON lines file, a host's batch endpoint or the event log.
/// </summary>
public static class SimulationPump
{
    /// <param name="options">The shop and its population.</param>
    /// <param name="run">Running totals, updated after each customer.</param>
    /// <param name="deliver">Takes one event.</param>
    /// <param name="truthPath">Where to write the ground truth CSV; none when null.</param>
    /// <param name="stopEarly">Checked after each customer; true ends the run (e.g. after a failed request).</param>
    /// <param name="cancellationToken">Stops between customers.</param>
    public static async Task RunAsync(
        SimulationOptions options,
        SimulationRun run,
        Func<byte[], CancellationToken, Task> deliver,
        string? truthPath = null,
        Func<bool>? stopEarly = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(deliver);
        using var simulator = new ShopSimulator(options);
        using var truth = truthPath is null ? null : new TruthFileWriter(truthPath);
        for (var i = 0; i < options.Customers; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var customer = simulator.Simulate(i);
            truth?.Write(customer.Truth);
            foreach (var message in customer.Events)
            {
                await deliver(message, cancellationToken).ConfigureAwait(false);
            }

            run.Add(customer);
            if (stopEarly?.Invoke() == true)
            {
                break;
            }
        }
    }

    /// <summary>A destination that writes each event as one line of <paramref name="stream"/>.</summary>
    public static Func<byte[], CancellationToken, Task> JsonLines(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return async (message, cancellationToken) =>
        {
            await stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            stream.WriteByte((byte)'\n');
        };
    }
}
