using System.Globalization;

namespace ChurnActors.LoadTools.Bench;

/// <summary>
/// A send phase's acknowledged requests as CSV (<c>sent_unix_s,sent_s,latency_ms</c>: when each was sent, or due with a rate, as Unix time and since the start, and its latency; in the order they were sent). The file is
/// opened, with its header, before the run, so a path that cannot be written fails at once rather than after the load,
/// and a run that fails early still leaves a valid (empty) table.
/// </summary>
public sealed class LatencyLog : IAsyncDisposable
{
    public const string Header = "sent_unix_s,sent_s,latency_ms";

    private readonly StreamWriter _writer;

    private LatencyLog(StreamWriter writer) => _writer = writer;

    /// <exception cref="IOException">The file cannot be created or written.</exception>
    public static LatencyLog Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        StreamWriter? writer = null;
        try
        {
            writer = new StreamWriter(path, append: false) { NewLine = "\n" };
            writer.WriteLine(Header);
            writer.Flush();
            return new LatencyLog(writer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            writer?.Dispose();
            throw new IOException($"cannot write the latency log '{path}': {e.Message}", e);
        }
    }

    /// <param name="startedAt">The wall-clock time of the send phase's start, to which the entries' times are relative.</param>
    /// <param name="timeline">The acknowledged requests.</param>
    public async Task WriteAsync(DateTimeOffset startedAt, IReadOnlyList<TimedLatency> timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var zero = startedAt.ToUnixTimeMilliseconds() / 1000.0;
        foreach (var entry in timeline.OrderBy(e => e.SentAt))
        {
            await _writer.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture, $"{zero + entry.SentAt.TotalSeconds:0.000},{entry.SentAt.TotalSeconds:0.000000},{entry.Latency.TotalMilliseconds:0.000}")).ConfigureAwait(false);
        }

        await _writer.FlushAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
