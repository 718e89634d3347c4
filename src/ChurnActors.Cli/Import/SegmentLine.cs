using System.Text.Json;
using ChurnActors.Domain.Events;
using ChurnActors.Ingest;

namespace ChurnActors.Cli.Import;

/// <summary>
/// Validates one Segment message with the ingest's own parser (<see cref="SegmentParser"/>), so an imported event is
/// read exactly as the same message sent to <c>/v1/batch</c> would be.
/// </summary>
internal static class SegmentLine
{
    private static readonly byte[] Opening = "{\"batch\":["u8.ToArray();
    private static readonly byte[] Closing = "]}"u8.ToArray();

    /// <summary>The event, or null and what is wrong with the message.</summary>
    public static IncomingEvent? Parse(byte[] json, string source, DateTimeOffset receivedAt, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(json);
        var body = new byte[Opening.Length + json.Length + Closing.Length];
        Opening.CopyTo(body, 0);
        json.CopyTo(body, Opening.Length);
        Closing.CopyTo(body, Opening.Length + json.Length);
        var result = SegmentParser.Parse(body, null, receivedAt, source);
        if (result.IsValid && result.Events.Count == 1)
        {
            problem = null;
            return result.Events[0];
        }

        problem = result.IsValid ? "the line holds more than one JSON value; write one message a line" : Describe(json, result.Problems[0]);
        return null;
    }

    private static string Describe(byte[] json, IngestProblem first)
    {
        if (first is { Kind: IngestProblemKind.Malformed, Index: null })
        {
            try
            {
                using var _ = JsonDocument.Parse(json);
            }
            catch (JsonException ex)
            {
                return $"not valid JSON ({ex.Message})";
            }
        }

        return first.Detail;
    }
}
