using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChurnActors.Cli.Import;

/// <summary>
/// Reads one Segment message a line (JSON lines, as <c>churnactors simulate --out</c> writes), keeping each message's
/// own messageId. A message's <c>sentAt</c> is dropped: in an archive it is the original send time, and the ingest
/// would take the years since then for client clock skew; without it the timestamp is taken as recorded.
/// </summary>
internal sealed class SegmentJsonlReader : IImportReader
{
    public IEnumerable<SourceMessage> Read(TextReader input, ImportTally tally, long? rowLimit)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(tally);
        var lineNumber = 0L;
        while (input.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (rowLimit is { } limit && tally.RowsRead >= limit)
            {
                break;
            }

            tally.Row();
            yield return new SourceMessage(lineNumber, WithoutSentAt(line));
        }
    }

    private static byte[] WithoutSentAt(string line)
    {
        if (!line.Contains("\"sentAt\"", StringComparison.Ordinal))
        {
            return Encoding.UTF8.GetBytes(line);
        }

        try
        {
            if (JsonNode.Parse(line) is JsonObject message && message.Remove("sentAt"))
            {
                return Encoding.UTF8.GetBytes(message.ToJsonString());
            }
        }
        catch (JsonException)
        {
            // Left as it is: validation reports the line.
        }

        return Encoding.UTF8.GetBytes(line);
    }
}
