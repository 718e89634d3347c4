using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ChurnActors.Testing;

namespace ChurnActors.Api.Tests;

/// <summary>The host executable started as its own process, so a test can SIGKILL it.</summary>
public sealed class HostProcess : IDisposable
{
    private readonly ExternalProcess _process;

    private HostProcess(ExternalProcess process, Uri baseAddress, string writeKey, string readKey)
    {
        _process = process;
        BaseAddress = baseAddress;
        WriteKey = writeKey;
        ReadKey = readKey;
    }

    public Uri BaseAddress { get; }

    public string WriteKey { get; }

    /// <summary>The read key, given to the host as <c>CHURN_READ_KEY</c>.</summary>
    public string ReadKey { get; }

    public string Output => _process.Output;

    /// <param name="startTimeout">How long the host may take to answer /health (default 60 s).</param>
    public static async Task<HostProcess> StartAsync(
        string connectionString, string writeKey, string nodeName, IReadOnlyDictionary<string, string?>? settings = null, TimeSpan? startTimeout = null)
    {
        var port = FreePort.Next();
        var readKey = "rk_" + writeKey;
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__ChurnActors"] = connectionString,
            ["CHURN_WRITE_KEY"] = writeKey,
            ["CHURN_READ_KEY"] = readKey,
            ["ChurnActors__Node__Name"] = nodeName,
            ["ChurnActors__Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["ChurnActors__Cluster__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var silo = RepositoryPaths.BuiltAssembly("ChurnActors.Silo", "ChurnActors.Silo.dll");
        var process = ExternalProcess.Start(
            "dotnet", [silo, "--urls", $"http://127.0.0.1:{port}"], environment, Path.GetDirectoryName(silo));
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}/"), writeKey, readKey);
        try
        {
            using var client = host.CreateClient();
            await Eventually.WaitAsync(
                async () =>
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException($"The host exited with {process.ExitCode}:\n{process.OutputAfterExit()}");
                    }

                    try
                    {
                        using var response = await client.GetAsync(new Uri("health", UriKind.Relative));
                        return response.IsSuccessStatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                },
                startTimeout ?? TimeSpan.FromSeconds(60),
                () => $"the host to answer /health. Output:\n{process.Output}");
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    public HttpClient CreateClient() => EngineHost.CreateClient(BaseAddress, WriteKey);

    public HttpClient CreateReader() => EngineHost.CreateClient(BaseAddress, ReadKey);

    public async Task<JsonElement> HealthAsync()
    {
        using var client = CreateClient();
        return await client.GetFromJsonAsync<JsonElement>(new Uri("health", UriKind.Relative));
    }

    /// <summary>SIGTERM: the host shuts down as under an orchestrator (the silo leaves the cluster). False when it did not exit within <paramref name="timeout"/>.</summary>
    public Task<bool> StopAsync(TimeSpan timeout) => _process.TerminateAsync(timeout);

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    public void Kill() => _process.Kill();

    public void Dispose() => _process.Dispose();
}
