using ChurnActors.LoadTools.Chaos;

namespace ChurnActors.Api.Tests;

/// <summary>Silo processes (<see cref="HostProcess"/>) on one database, started, killed and stopped by node name.</summary>
public sealed class HostProcessCluster(string connectionString, string writeKey, IReadOnlyDictionary<string, string?> settings) : IChaosCluster, IDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    // Silos join a cluster under load on a shared machine: a start may take far longer than a lone host's.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly Dictionary<string, HostProcess> _silos = new(StringComparer.Ordinal);

    /// <summary>The output of every silo process still held, for failure messages.</summary>
    public string Output => string.Join("\n", _silos.Select(s => $"----- {s.Key}\n{s.Value.Output}"));

    public async Task<Uri> StartAsync(string node, CancellationToken cancellationToken)
    {
        if (_silos.Remove(node, out var previous))
        {
            previous.Dispose();
        }

        var silo = await HostProcess.StartAsync(connectionString, writeKey, node, settings, StartTimeout);
        _silos[node] = silo;
        return silo.BaseAddress;
    }

    public void Kill(string node) => _silos[node].Kill();

    public async Task StopAsync(string node, CancellationToken cancellationToken)
    {
        if (!await _silos[node].StopAsync(StopTimeout))
        {
            throw new TimeoutException($"{node} did not exit within {StopTimeout.TotalSeconds:F0} s of SIGTERM. Output:\n{_silos[node].Output}");
        }
    }

    public void Dispose()
    {
        foreach (var silo in _silos.Values)
        {
            silo.Dispose();
        }

        _silos.Clear();
    }
}
