using System.Text;
using ChurnActors.Domain.Events;
using ChurnActors.Ingest;

namespace ChurnActors.Training.Events;

/// <summary>
/// Reads a file of Segment messages, one JSON object a line (what <c>churnactors simulate --out</c> writes), through
/// the ingest's own parser, and groups the events by customer as the event log would. The whole file is held in
/// memory: meant for tests, benchmarks and shop data that fit (a few million events); train from PostgreSQL beyond.
/// </summary>
public static class SegmentJsonlHistorySource
{
    private const int LinesPerParse = 2_000;

    /// <summary>Reads <paramref name="path"/>; a line the ingest would refuse fails the read with its line number.</summary>
    /// <exception cref="InvalidDataException">A line is not a valid Segment message.</exception>
    public static async Task<InMemoryHistorySource> LoadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var events = new List<CustomerEvent>();
        var batch = new StringBuilder();
        var batchFirstLine = 1;
        var lines = 0;
        var receivedAt = DateTimeOffset.UtcNow;
        using var reader = new StreamReader(path, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lines++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            batch.Append(batch.Length == 0 ? "{\"batch\":[" : ",").Append(line);
            if (lines - batchFirstLine + 1 >= LinesPerParse)
            {
                Parse(batch, batchFirstLine, lines, receivedAt, events, path);
                batchFirstLine = lines + 1;
            }
        }

        Parse(batch, batchFirstLine, lines, receivedAt, events, path);
        return InMemoryHistorySource.FromEvents(events, Path.GetFileName(path));
    }

    private static void Parse(StringBuilder batch, int firstLine, int lastLine, DateTimeOffset receivedAt, List<CustomerEvent> events, string path)
    {
        if (batch.Length == 0)
        {
            return;
        }

        batch.Append("]}");
        var result = SegmentParser.Parse(Encoding.UTF8.GetBytes(batch.ToString()), endpointCall: null, receivedAt);
        batch.Clear();
        if (!result.IsValid)
        {
            throw new InvalidDataException(
                $"{Path.GetFileName(path)}, lines {firstLine}-{lastLine}: " +
                string.Join("; ", result.Problems.Select(p => p.Index is { } index ? $"line {firstLine + index}: {p.Detail}" : p.Detail)));
        }

        foreach (var incoming in result.Events)
        {
            events.Add(incoming.Event);
        }
    }
}
