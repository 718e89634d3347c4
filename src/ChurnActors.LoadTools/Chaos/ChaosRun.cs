using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChurnActors.Api.Contracts;

namespace ChurnActors.LoadTools.Chaos;

/// <summary>
/// The chaos scenarios, one after another on one cluster under load, each checked in PostgreSQL once its load stops:
/// <list type="bullet">
/// <item><b>kill</b>: SIGKILL the last silo; the survivors take over its checkpoint and bring its customers up to date
/// without any read; the time from the kill to the first read of a customer that lived there; the silo is restarted.</item>
/// <item><b>drain</b>: SIGTERM the second silo; no client error after retries, its checkpoint reaches the last event it
/// acknowledged, and at its restart recovery has nothing to replay.</item>
/// <item><b>rolling-restart</b>: SIGTERM and restart every silo one after another.</item>
/// <item><b>add</b>: start one more silo; it joins and takes activations of new customers, ingest goes on.</item>
/// </list>
/// </summary>
public sealed class ChaosRun(IChaosCluster cluster, ChaosSettings settings, TextWriter log)
{
    private static readonly TimeSpan ProbeLimit = TimeSpan.FromSeconds(120);
    private const int Probes = 20;

    private readonly SiloTargets _targets = new();
    private readonly ChaosVerifier _verifier = new(settings.ConnectionString);
    private readonly HashSet<string> _everyCustomer = new(StringComparer.Ordinal);
    private readonly List<string> _nodes = [];
    private string[] _customers = [];
    private (Task Running, CancellationTokenSource Stop)? _load;

    public async Task<IReadOnlyList<ChaosScenario>> RunAsync(CancellationToken cancellationToken)
    {
        _customers = Customers("c", settings.Customers);
        _everyCustomer.UnionWith(_customers);
        for (var i = 1; i <= settings.Silos; i++)
        {
            await StartAsync(ChaosSettings.NodeName(i), cancellationToken).ConfigureAwait(false);
        }

        // The rolling restart runs before the add, so it restarts the silos the run started with.
        return
        [
            await RunScenarioAsync("kill", KillAsync, cancellationToken).ConfigureAwait(false),
            await RunScenarioAsync("drain", DrainAsync, cancellationToken).ConfigureAwait(false),
            await RunScenarioAsync("rolling-restart", RollingRestartAsync, cancellationToken).ConfigureAwait(false),
            await RunScenarioAsync("add", AddAsync, cancellationToken).ConfigureAwait(false),
        ];
    }

    /// <summary>Runs one scenario; one that cannot finish (a silo that does not start or stop) is reported as failed and the next one runs.</summary>
    private async Task<ChaosScenario> RunScenarioAsync(string name, Func<CancellationToken, Task<ChaosScenario>> scenario, CancellationToken cancellationToken)
    {
        try
        {
            return await scenario(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            Say($"{name}: could not finish: {ex.Message}");
            return new ChaosScenario(name, new ChaosCheck(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null), [], [$"the scenario could not finish: {ex.Message}"]);
        }
        finally
        {
            if (_load is { } load)
            {
                await StopLoadAsync(load).ConfigureAwait(false);
            }
        }
    }

    private async Task<ChaosScenario> KillAsync(CancellationToken cancellationToken)
    {
        var victim = _nodes[^1];
        var figures = new List<KeyValuePair<string, string>>();
        var failures = new List<string>();
        var (ledger, load, stop) = StartLoad(_customers);
        await Task.Delay(settings.LoadTime, cancellationToken).ConfigureAwait(false);

        Say($"kill: SIGKILL {victim}");
        var killedAt = Stopwatch.GetTimestamp();
        var killedAtUtc = DateTimeOffset.UtcNow;
        _targets.Remove(victim);
        cluster.Kill(victim);
        var probed = ledger.Acknowledged.Select(e => e.Customer).Distinct(StringComparer.Ordinal).Take(Probes).ToList();
        var probe = ChaosReadProbe.RunAsync(_targets, settings.ReadKey, probed, killedAt, ProbeLimit);

        // The killed silo is taken out of the load's targets before the kill (the probe reads only through survivors).
        // The load stops right after the kill: the dead silo's customers then get no new event that would catch them
        // up; only the survivors' takeover (or a read, for the few probed ones) brings them up to date.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        await StopLoadAsync(stop).ConfigureAwait(false);
        var check = await _verifier.CheckAsync(ledger, _everyCustomer, settings.CheckTimeout, cancellationToken).ConfigureAwait(false);

        var slow = await probe.ConfigureAwait(false);
        var read = slow.Where(double.IsFinite).ToList();
        figures.Add(new("customers probed by reads", probed.Count.ToString(CultureInfo.InvariantCulture)));
        figures.Add(new("probed customers that lived on the killed silo", slow.Count.ToString(CultureInfo.InvariantCulture)));
        figures.Add(new("time from kill to first read of such a customer", read.Count > 0 ? $"{read[0]:F1} s" : "none read"));
        figures.Add(new("time from kill to last read of such a customer", read.Count > 0 ? $"{read[^1]:F1} s" : "none read"));
        if (read.Count < slow.Count)
        {
            failures.Add($"{slow.Count - read.Count} probed customers could not be read within {ProbeLimit.TotalSeconds:F0} s of the kill");
        }

        var takeover = await WaitForTakeoverAsync(victim, killedAtUtc, cancellationToken).ConfigureAwait(false);
        if (takeover is { FinishedAt: { } finished })
        {
            figures.Add(new("takeover by", takeover.By));
            figures.Add(new("time from kill to takeover finished", $"{(finished - killedAtUtc).TotalSeconds:F1} s"));
            figures.Add(new("takeover caught up", $"{takeover.Customers} customers, sequence {takeover.FromSequence} to {takeover.ThroughSequence}"));
        }
        else
        {
            failures.Add($"no survivor finished taking over {victim} within {settings.CheckTimeout.TotalSeconds:F0} s");
        }

        Say($"kill: restarting {victim}");
        await StartAsync(victim, cancellationToken).ConfigureAwait(false);
        return new ChaosScenario("kill", check, figures, failures);
    }

    private async Task<ChaosScenario> DrainAsync(CancellationToken cancellationToken)
    {
        var victim = _nodes[Math.Min(1, _nodes.Count - 1)];
        var figures = new List<KeyValuePair<string, string>>();
        var failures = new List<string>();
        var (ledger, load, stop) = StartLoad(_customers);
        await Task.Delay(settings.LoadTime, cancellationToken).ConfigureAwait(false);

        Say($"drain: SIGTERM {victim}");
        var drainedAtUtc = DateTimeOffset.UtcNow;
        var drain = Stopwatch.StartNew();
        await cluster.StopAsync(victim, cancellationToken).ConfigureAwait(false);
        _targets.Remove(victim);
        var checkpointAtExit = await _verifier.CheckpointAsync(victim, cancellationToken).ConfigureAwait(false);
        figures.Add(new("time from SIGTERM to exit", $"{drain.Elapsed.TotalSeconds:F1} s"));
        await Task.Delay(settings.LoadTime, cancellationToken).ConfigureAwait(false);
        await StopLoadAsync(stop).ConfigureAwait(false);

        // What the drained node acknowledged must be covered by its checkpoint before it starts again: by its own final
        // checkpoint, or else by the survivors' takeover of it, so that its restart has nothing of its own to replay.
        var committed = await _verifier.LastSequenceOfAsync(ledger.AcknowledgedBy(victim), cancellationToken).ConfigureAwait(false);
        figures.Add(new("its last acknowledged event / its own checkpoint at exit", $"{committed} / {checkpointAtExit}"));
        var takeover = await WaitForTakeoverAsync(victim, drainedAtUtc, cancellationToken).ConfigureAwait(false);
        var checkpointBeforeRestart = await _verifier.CheckpointAsync(victim, cancellationToken).ConfigureAwait(false);
        figures.Add(new("its checkpoint before its restart", takeover is null
            ? checkpointBeforeRestart.ToString(CultureInfo.InvariantCulture)
            : $"{checkpointBeforeRestart} (taken over by {takeover.By} {(takeover.FinishedAt!.Value - drainedAtUtc).TotalSeconds:F1} s after SIGTERM)"));
        if (checkpointBeforeRestart < committed)
        {
            failures.Add($"{victim}'s checkpoint ({checkpointBeforeRestart}) stayed below the last event it acknowledged ({committed})");
        }

        var check = await _verifier.CheckAsync(ledger, _everyCustomer, settings.CheckTimeout, cancellationToken).ConfigureAwait(false);
        Say($"drain: restarting {victim}");
        var address = await StartAsync(victim, cancellationToken).ConfigureAwait(false);
        var replayed = await RecoveredCustomersAsync(address, cancellationToken).ConfigureAwait(false);
        figures.Add(new("customers its restart caught up (events after its checkpoint, any node's)", replayed.ToString(CultureInfo.InvariantCulture)));
        return new ChaosScenario("drain", check, figures, failures);
    }

    private async Task<ChaosScenario> AddAsync(CancellationToken cancellationToken)
    {
        var added = ChaosSettings.NodeName(_nodes.Count + 1);
        var figures = new List<KeyValuePair<string, string>>();
        var failures = new List<string>();
        var (ledger, load, stop) = StartLoad(_customers);
        await Task.Delay(settings.LoadTime, cancellationToken).ConfigureAwait(false);

        Say($"add: starting {added}");
        var joining = Stopwatch.StartNew();
        await StartAsync(added, cancellationToken).ConfigureAwait(false);
        figures.Add(new("time to join and answer", $"{joining.Elapsed.TotalSeconds:F1} s"));
        var newCustomers = Customers("n", Math.Max(1, settings.Customers / 2));
        _everyCustomer.UnionWith(newCustomers);
        load.UseCustomers([.. _customers, .. newCustomers]);
        var acknowledgedAtJoin = ledger.Acknowledged.Count;
        var afterJoin = Stopwatch.StartNew();
        await Task.Delay(settings.LoadTime, cancellationToken).ConfigureAwait(false);
        var acknowledgedAfterJoin = ledger.Acknowledged.Count - acknowledgedAtJoin;
        figures.Add(new("events acknowledged per second after the join", (acknowledgedAfterJoin / afterJoin.Elapsed.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture)));
        if (acknowledgedAfterJoin == 0)
        {
            failures.Add("no event was acknowledged after the silo joined");
        }

        var view = await ReadClusterAsync(cancellationToken).ConfigureAwait(false);
        await StopLoadAsync(stop).ConfigureAwait(false);
        _customers = [.. _customers, .. newCustomers];
        var activations = view?.Members.Where(m => m.Status == "Active").ToList() ?? [];
        figures.Add(new("activations per silo", string.Join(", ", activations.Select(m => $"{m.NodeName} {m.Activations?.ToString(CultureInfo.InvariantCulture) ?? "?"}"))));
        if (!activations.Any(m => m.NodeName == added && m.Activations > 0))
        {
            failures.Add($"{added} shows no activations after joining");
        }

        var check = await _verifier.CheckAsync(ledger, _everyCustomer, settings.CheckTimeout, cancellationToken).ConfigureAwait(false);
        return new ChaosScenario("add", check, figures, failures);
    }

    private async Task<ChaosScenario> RollingRestartAsync(CancellationToken cancellationToken)
    {
        var figures = new List<KeyValuePair<string, string>>();
        var (ledger, load, stop) = StartLoad(_customers);
        await Task.Delay(settings.LoadTime, cancellationToken).ConfigureAwait(false);
        var rolling = Stopwatch.StartNew();
        foreach (var node in _nodes.ToList())
        {
            Say($"rolling-restart: SIGTERM {node}");
            await cluster.StopAsync(node, cancellationToken).ConfigureAwait(false);
            _targets.Remove(node);
            await StartAsync(node, cancellationToken).ConfigureAwait(false);
        }

        figures.Add(new("time to restart every silo", $"{rolling.Elapsed.TotalSeconds:F1} s"));
        await Task.Delay(settings.LoadTime, cancellationToken).ConfigureAwait(false);
        await StopLoadAsync(stop).ConfigureAwait(false);
        var check = await _verifier.CheckAsync(ledger, _everyCustomer, settings.CheckTimeout, cancellationToken).ConfigureAwait(false);
        return new ChaosScenario("rolling-restart", check, figures, []);
    }

    private async Task<Uri> StartAsync(string node, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var address = await cluster.StartAsync(node, cancellationToken).ConfigureAwait(false);
        _targets.Set(node, address);
        if (!_nodes.Contains(node))
        {
            _nodes.Add(node);
        }

        Say($"{node} answers on {address} after {started.Elapsed.TotalSeconds:F1} s");
        return address;
    }

    private (ChaosLedger Ledger, ChaosLoadGenerator Load, (Task Running, CancellationTokenSource Stop) Stop) StartLoad(string[] customers)
    {
        var ledger = new ChaosLedger();
        var load = new ChaosLoadGenerator(_targets, settings.WriteKey, settings.Senders, settings.BatchSize, settings.Pause);
        load.UseCustomers(customers);
        var stop = new CancellationTokenSource();
        var running = Task.Run(() => load.RunAsync(ledger, stop.Token), CancellationToken.None);
        _load = (running, stop);
        return (ledger, load, (running, stop));
    }

    private async Task StopLoadAsync((Task Running, CancellationTokenSource Stop) running)
    {
        _load = null;
        await running.Stop.CancelAsync().ConfigureAwait(false);
        await running.Running.ConfigureAwait(false);
        running.Stop.Dispose();
    }

    private async Task<TakeoverResponse?> WaitForTakeoverAsync(string node, DateTimeOffset after, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < settings.CheckTimeout)
        {
            var view = await ReadClusterAsync(cancellationToken).ConfigureAwait(false);
            var takeover = view?.Takeovers?.FirstOrDefault(t => t.Node == node && t.FinishedAt > after);
            if (takeover is not null)
            {
                return takeover;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<ClusterResponse?> ReadClusterAsync(CancellationToken cancellationToken)
    {
        using var http = Client(settings.AdminKey);
        try
        {
            return await http.GetFromJsonAsync<ClusterResponse>(new Uri(_targets.Next(), "v1/admin/cluster"), JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private async Task<int> RecoveredCustomersAsync(Uri address, CancellationToken cancellationToken)
    {
        using var http = Client(settings.WriteKey);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var health = await http.GetFromJsonAsync<JsonElement>(new Uri(address, "health"), cancellationToken).ConfigureAwait(false);
            var recovery = health.GetProperty("recovery");
            if (recovery.GetProperty("finished").GetBoolean() || waited.Elapsed > settings.CheckTimeout)
            {
                return recovery.GetProperty("customers").GetInt32();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
    }

    private static HttpClient Client(string key)
    {
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));
        return http;
    }

    private string[] Customers(string kind, int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"{settings.CustomerPrefix}-{kind}{i:D5}")];

    private void Say(string line) => log.WriteLine($"chaos: {line}");
}
