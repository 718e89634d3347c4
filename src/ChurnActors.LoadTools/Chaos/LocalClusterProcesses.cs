using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace ChurnActors.LoadTools.Chaos;

/// <summary>
/// The silos of a cluster that deploy/local/cluster.sh started on this machine, as <see cref="IChaosCluster"/>: silo i
/// (node name silo-i) serves HTTP on base port + i - 1, talks to the other silos on base + 6000 + i - 1 and takes Orleans
/// clients on base + 25000 + i - 1, and its process id is in the pid file (a line "silo-i PID"). Silos restarted or
/// added here are started the same way (the same environment, their output appended to the log directory's
/// silo-i.log) and their lines in the pid file replaced, so <c>cluster.sh --stop</c> stops them too.
/// </summary>
public sealed class LocalClusterProcesses(string siloAssembly, string pidFile, string logDirectory, int basePort) : IChaosCluster
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();

    /// <summary>The HTTP address of silo <paramref name="node"/> (silo-i).</summary>
    public Uri Address(string node) => new($"http://127.0.0.1:{basePort + Index(node) - 1}/");

    public async Task<Uri> StartAsync(string node, CancellationToken cancellationToken)
    {
        var index = Index(node);
        var address = Address(node);
        if (ProcessOf(node) is { } running && IsAlive(running))
        {
            return address; // started by cluster.sh and still running
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(siloAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(siloAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        start.Environment["ChurnActors__Node__Name"] = node;
        start.Environment["ChurnActors__Cluster__SiloPort"] = (basePort + 6000 + index - 1).ToString(CultureInfo.InvariantCulture);
        start.Environment["ChurnActors__Cluster__GatewayPort"] = (basePort + 25000 + index - 1).ToString(CultureInfo.InvariantCulture);
        await WaitForPortsFreeAsync(index, cancellationToken).ConfigureAwait(false);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {node}.");
        var log = new StreamWriter(Path.Combine(logDirectory, node + ".log"), append: true) { AutoFlush = true };
        var logGate = new Lock();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (logGate) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (logGate) { log.WriteLine(e.Data); } } };
        process.Exited += (_, _) => { lock (logGate) { log.Dispose(); } };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        RecordPid(node, process.Id);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{node} exited with {process.ExitCode} before it answered; see {node}.log in {logDirectory}.");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri(address, "health/ready"), cancellationToken).ConfigureAwait(false);
                if (ready.IsSuccessStatusCode)
                {
                    return address;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            if (waited.Elapsed > StartLimit)
            {
                throw new TimeoutException($"{node} did not answer GET /health/ready within {StartLimit.TotalSeconds:F0} s; see {node}.log in {logDirectory}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
    }

    public void Kill(string node) => Signal(node, PosixSignals.Sigkill);

    public async Task StopAsync(string node, CancellationToken cancellationToken)
    {
        var pid = Signal(node, PosixSignals.Sigterm);
        var waited = Stopwatch.StartNew();
        while (IsAlive(pid))
        {
            if (waited.Elapsed > StopLimit)
            {
                throw new TimeoutException($"{node} (pid {pid}) did not exit within {StopLimit.TotalSeconds:F0} s of SIGTERM.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    private int Signal(string node, int signal)
    {
        var pid = ProcessOf(node) ?? throw new InvalidOperationException($"{node} has no process in {pidFile}.");
        if (PosixSignals.Send(pid, signal) != 0 && IsAlive(pid))
        {
            throw new InvalidOperationException($"Could not send signal {signal} to {node} (pid {pid}).");
        }

        return pid;
    }

    private static int Index(string node) =>
        node.StartsWith("silo-", StringComparison.Ordinal) && int.TryParse(node.AsSpan(5), CultureInfo.InvariantCulture, out var index) && index > 0
            ? index
            : throw new ArgumentException($"'{node}' is not a node name of the form silo-i.", nameof(node));

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private int? ProcessOf(string node)
    {
        lock (_gate)
        {
            if (!File.Exists(pidFile))
            {
                return null;
            }

            foreach (var line in File.ReadAllLines(pidFile))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && parts[0] == node && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var pid))
                {
                    return pid;
                }
            }

            return null;
        }
    }

    private void RecordPid(string node, int pid)
    {
        lock (_gate)
        {
            var lines = File.Exists(pidFile) ? File.ReadAllLines(pidFile).Where(l => !l.StartsWith(node + " ", StringComparison.Ordinal)) : [];
            File.WriteAllLines(pidFile, [.. lines, $"{node} {pid.ToString(CultureInfo.InvariantCulture)}"]);
        }
    }

    /// <summary>A silo just stopped may hold its ports for a moment; its successor waits for them (at most 30 s).</summary>
    private async Task WaitForPortsFreeAsync(int index, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        foreach (var port in new[] { basePort + index - 1, basePort + 6000 + index - 1, basePort + 25000 + index - 1 })
        {
            while (waited.Elapsed < TimeSpan.FromSeconds(30) && await IsListeningAsync(port, cancellationToken).ConfigureAwait(false))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
