using System.Text.Json;

namespace ChurnActors.Cli.Tests;

/// <summary>Reads the messages out of a <c>/v1/batch</c> body.</summary>
internal static class SegmentJson
{
    public static IReadOnlyList<JsonElement> Messages(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return [.. document.RootElement.GetProperty("batch").EnumerateArray().Select(m => m.Clone())];
    }

    public static string? Text(JsonElement message, string name) =>
        message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
