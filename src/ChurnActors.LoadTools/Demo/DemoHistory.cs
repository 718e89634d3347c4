using System.Diagnostics;
using System.Globalization;
using ChurnActors.LoadTools.Http;
using ChurnActors.LoadTools.Reporting;
using ChurnActors.Simulation;

namespace ChurnActors.LoadTools.Demo;

/// <summary>
/// The shop behind the demo customers: a year of simulated history (<see cref="ShopSimulator"/>) ending at the demo's
/// today, sent through <c>/v1/batch</c> like any other history, so that the shop's lifetime model has enough customers
/// and repeat customers to be fitted. The seed is fixed, so message ids (<c>sim-19-...</c>) are the same on every run
/// and sending it again adds nothing.
/// </summary>
public static class DemoHistory
{
    /// <summary>The simulator's seed: fixed, so a second run sends the same message ids.</summary>
    public const long Seed = 19;

    public const int DefaultCustomers = 500;

    public const int MaxCustomers = 20_000;

    private const int Days = 365;
    private const int EventsPerBatch = 500;
    private const int Concurrency = 4;

    /// <summary>
    /// The simulation: <paramref name="customers"/> customers over the 365 days before <paramref name="today"/>, first
    /// orders spread over the whole year (a shop that keeps acquiring customers).
    /// </summary>
    public static SimulationOptions Options(int customers, DateTimeOffset today) => new()
    {
        Customers = customers,
        Days = Days,
        Seed = Seed,
        Start = today.AddDays(-Days),
        AcquisitionWindow = 1.0,
    };

    /// <summary>The user id of simulated customer <paramref name="index"/> (0-based).</summary>
    public static string CustomerId(int index) => ShopSimulator.CustomerId(index);

    /// <summary>Sends the history, with a progress line every second; false after saying why when a batch failed.</summary>
    public static async Task<bool> SendAsync(ChurnApiClient client, int customers, DateTimeOffset today, ToolOutput tool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(tool);
        var options = Options(customers, today);
        var output = tool.Out;
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"feeding a simulated year of shop history: {customers} customers, {options.Start:yyyy-MM-dd} to {today.AddDays(-1):yyyy-MM-dd} (seed {Seed})")).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);

        var sender = new SimulationBatchSender(client, EventsPerBatch, Concurrency);
        var run = new SimulationRun(customers);
        var clock = Stopwatch.StartNew();
        var progress = tool.Progress(
            "feeding history",
            () => new ProgressState(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"history: {run.CustomersDone}/{run.CustomersTotal} customers, {sender.Acknowledged} of {run.Events} events acknowledged, {run.Orders} orders ({clock.Elapsed.TotalSeconds:0} s)"),
                (double)run.CustomersDone / run.CustomersTotal),
            TimeSpan.FromSeconds(1));
        try
        {
            await SimulationPump.RunAsync(options, run, sender.AddAsync, stopEarly: () => sender.Error is not null, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            await sender.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await progress.DisposeAsync().ConfigureAwait(false);
        }

        if (sender.Error is { } error)
        {
            await tool.Info.WriteLineAsync($"error: feeding the simulated history failed: {error}").ConfigureAwait(false);
            return false;
        }

        var repeated = sender.Accepted == 0 && sender.Duplicates > 0 ? " (already imported by an earlier run)" : string.Empty;
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"sent {run.Events} events ({run.Orders} orders) of {run.CustomersDone} simulated customers in {sender.Requests} batches, {clock.Elapsed.TotalSeconds:0.0} s: " +
            $"{sender.Accepted} accepted, {sender.Duplicates} duplicates{repeated}")).ConfigureAwait(false);
        return true;
    }
}
