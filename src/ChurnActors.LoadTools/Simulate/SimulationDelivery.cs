using System.Diagnostics;
using System.Globalization;
using ChurnActors.LoadTools.Http;
using ChurnActors.LoadTools.Reporting;
using ChurnActors.Simulation;
using ChurnActors.Storage;
using ChurnActors.Storage.EventLog;
using Npgsql;

namespace ChurnActors.LoadTools.Simulate;

/// <summary>
/// <c>simulate</c>: a simulated shop's history written as JSON lines, sent to a host's <c>/v1/batch</c>, or loaded
/// straight into an empty event log (<see cref="EventLogBulkLoader"/>), with its ground truth and a summary line.
/// </summary>
public static class SimulationDelivery
{
    /// <summary>
    /// Writes the history to <paramref name="outPath"/>, or sends it to <paramref name="url"/> with
    /// <paramref name="writeKey"/>; false when the host could not be reached or a request failed (after saying why).
    /// </summary>
    public static async Task<bool> WriteOrSendAsync(
        SimulationOptions options,
        string? outPath,
        Uri? url,
        string? writeKey,
        int batchSize,
        int concurrency,
        string? truthPath,
        bool quiet,
        ToolOutput output,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        using var client = url is null ? null : new ChurnApiClient(url, writeKey!, concurrency);
        if (client is not null && await client.CheckReachableAsync(cancellationToken).ConfigureAwait(false) is { } unreachable)
        {
            await output.Info.WriteLineAsync($"error: {unreachable}").ConfigureAwait(false);
            return false;
        }

        var sender = client is null ? null : new SimulationBatchSender(client, batchSize, concurrency);
        var run = new SimulationRun(options.Customers);
        var clock = Stopwatch.StartNew();
        var progress = quiet
            ? null
            : output.Progress(
                "simulating",
                () => new ProgressState(Describe(run, clock.Elapsed), (double)run.CustomersDone / run.CustomersTotal),
                TimeSpan.FromSeconds(1));
        try
        {
            await using var file = outPath is null ? null : new FileStream(outPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
            await SimulationPump.RunAsync(
                options,
                run,
                file is not null ? SimulationPump.JsonLines(file) : sender!.AddAsync,
                truthPath,
                stopEarly: () => sender?.Error is not null,
                cancellationToken).ConfigureAwait(false);

            if (sender is not null)
            {
                await sender.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (progress is not null)
            {
                await progress.DisposeAsync().ConfigureAwait(false);
            }
        }

        var seconds = Math.Max(0.001, clock.Elapsed.TotalSeconds);
        if (sender?.Error is { } error)
        {
            await output.Info.WriteLineAsync($"error: {error}").ConfigureAwait(false);
            await output.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"simulated {run.CustomersDone} of {options.Customers} customers; {sender.Acknowledged} of {run.Events} events acknowledged before the failure")).ConfigureAwait(false);
            return false;
        }

        var destination = outPath ?? $"{url} ({sender!.Requests} requests, {sender.Retries} retries, {sender.Acknowledged} acknowledged)";
        await output.Out.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"simulated {run.CustomersDone} customers over {options.Days} days from {options.Start:yyyy-MM-dd}: {run.Events} events, {run.Orders} orders, {run.DroppedOut} dropped out; {run.Events / seconds:0} events/s -> {destination}")).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Loads the history into the empty event log of <paramref name="connectionString"/> in one transaction; false
    /// when the database is unreachable, unmigrated, not empty or refuses the load (after saying why; nothing is written).
    /// </summary>
    /// <param name="target">A password-free description of the database, for messages.</param>
    /// <param name="reason">One readable line about a database failure.</param>
    public static async Task<bool> LoadAsync(
        SimulationOptions options,
        string connectionString,
        string source,
        string target,
        Func<Exception, string> reason,
        string? truthPath,
        bool quiet,
        ToolOutput output,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(output);
        var run = new SimulationRun(options.Customers);
        var clock = Stopwatch.StartNew();
        SimulationLogLoader? loader = null;
        string? phase = null;
        var progress = quiet
            ? null
            : output.Progress(
                "loading",
                () => phase is { } step
                    ? new ProgressState($"{loader?.Written ?? 0} events written; {step} ({clock.Elapsed.TotalSeconds:0} s)")
                    : new ProgressState(DescribeLoad(run, loader?.Written ?? 0, clock.Elapsed), (double)run.CustomersDone / run.CustomersTotal),
                TimeSpan.FromSeconds(5));
        double loadSeconds;
        try
        {
            try
            {
                var pending = await Migrator.PendingAsync(connectionString, cancellationToken).ConfigureAwait(false);
                if (pending.Count > 0)
                {
                    await output.Info.WriteLineAsync(
                        $"error: {target} lacks {pending.Count} of {Migrator.All.Count} migrations; run 'churnactors db migrate' first").ConfigureAwait(false);
                    return false;
                }

                loader = new SimulationLogLoader(
                    await EventLogBulkLoader.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false), source, DateTimeOffset.UtcNow);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                await output.Info.WriteLineAsync($"error: loading into {target}: {reason(ex)}").ConfigureAwait(false);
                return false;
            }

            await using (loader.ConfigureAwait(false))
            {
                try
                {
                    await SimulationPump.RunAsync(options, run, loader.AddAsync, truthPath, cancellationToken: cancellationToken).ConfigureAwait(false);

                    loadSeconds = clock.Elapsed.TotalSeconds;
                    await loader.CompleteAsync(step => phase = step, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidDataException)
                {
                    await output.Info.WriteLineAsync($"error: loading into {target} failed, nothing was written: {reason(ex)}").ConfigureAwait(false);
                    return false;
                }
            }
        }
        finally
        {
            if (progress is not null)
            {
                await progress.DisposeAsync().ConfigureAwait(false);
            }
        }

        var seconds = Math.Max(0.001, clock.Elapsed.TotalSeconds);
        await output.Out.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"simulated {run.CustomersDone} customers over {options.Days} days from {options.Start:yyyy-MM-dd}: {run.Events} events, {run.Orders} orders, {run.DroppedOut} dropped out; " +
            $"{loader.Written} events written ({loader.Duplicates} duplicates) to {target} in {seconds:0.0} s: {loader.Written / Math.Max(0.001, loadSeconds):0} events/s copied in {loadSeconds:0.0} s, indexes and commit {seconds - loadSeconds:0.0} s"))
            .ConfigureAwait(false);
        return true;
    }

    private static string DescribeLoad(SimulationRun run, long written, TimeSpan elapsed) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"customers {run.CustomersDone}/{run.CustomersTotal}, {written} events written, {written / Math.Max(0.001, elapsed.TotalSeconds):0} events/s");

    private static string Describe(SimulationRun run, TimeSpan elapsed) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"customers {run.CustomersDone}/{run.CustomersTotal}, {run.Events} events written, {run.Events / Math.Max(0.001, elapsed.TotalSeconds):0} events/s");
}
