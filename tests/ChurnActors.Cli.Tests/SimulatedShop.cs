using System.Globalization;
using System.Text.Json;

namespace ChurnActors.Cli.Tests;

/// <summary>
/// One run of <c>churnactors simulate</c> (2,000 customers over 365 days, seed 7) read back: the events as parsed
/// JSON lines and the ground-truth rows, shared by the tests of the simulated shop's marginals.
/// </summary>
public sealed class SimulatedShop : IAsyncLifetime
{
    public const int Customers = 2000;

    private readonly string _directory = Directory.CreateTempSubdirectory("simulate-").FullName;

    public IReadOnlyList<JsonElement> Events { get; private set; } = [];

    public IReadOnlyList<TruthRow> Truth { get; private set; } = [];

    public string EventsPath => Path.Combine(_directory, "events.jsonl");

    public string TruthPath => Path.Combine(_directory, "truth.csv");

    public async Task InitializeAsync()
    {
        var result = await CliRunner.RunAsync(
            "simulate", "--customers", Customers.ToString(CultureInfo.InvariantCulture), "--days", "365", "--seed", "7",
            "--out", EventsPath, "--truth", TruthPath, "--quiet");
        Assert.True(result.ExitCode == 0, result.ToString());
        Events = [.. File.ReadLines(EventsPath).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        })];
        Truth = [.. File.ReadLines(TruthPath).Skip(1).Select(TruthRow.Parse)];
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The customer an event belongs to: its userId, or the userId its anonymousId was later identified as.</summary>
    public IReadOnlyDictionary<string, List<JsonElement>> EventsByCustomer()
    {
        var identified = Events
            .Where(e => SegmentJson.Text(e, "userId") is not null && SegmentJson.Text(e, "anonymousId") is not null)
            .GroupBy(e => SegmentJson.Text(e, "anonymousId")!)
            .ToDictionary(g => g.Key, g => SegmentJson.Text(g.First(), "userId")!, StringComparer.Ordinal);
        return Events
            .GroupBy(e => SegmentJson.Text(e, "userId") ?? identified[SegmentJson.Text(e, "anonymousId")!])
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    public static DateTimeOffset Timestamp(JsonElement message) =>
        DateTimeOffset.Parse(SegmentJson.Text(message, "timestamp")!, CultureInfo.InvariantCulture);
}
