using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ChurnActors.Ingest;

/// <summary>
/// Finds text in a request that the event log could not store: bytes that are not UTF-8 (the JSON reader does not
/// check the bytes inside strings), and escapes that decode to no storable character (<c>\u0000</c>, unpaired
/// surrogates). A whole body is checked in one vectorized pass; only a body that fails is walked to name each
/// offending string.
/// </summary>
internal static class JsonTextCheck
{
    /// <summary>
    /// The first fault in raw JSON: a whole document that parsed, or the bytes between a string token's quotes.
    /// Escapes are read where backslashes appear, which in valid JSON is only inside strings.
    /// </summary>
    public static JsonTextFault Find(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            return JsonTextFault.InvalidUtf8;
        }

        var position = json.IndexOf((byte)'\\');
        while (position >= 0 && position + 1 < json.Length)
        {
            // At the backslash that opens an escape; the escape is consumed whole, so an escaped backslash ("\\")
            // never starts another.
            if (json[position + 1] != 'u')
            {
                position += 2;
            }
            else
            {
                var unit = Hex4(json, position + 2);
                if (unit == 0)
                {
                    return JsonTextFault.NulCharacter;
                }

                if (unit is >= 0xD800 and <= 0xDBFF)
                {
                    if (json.Length < position + 12 || json[position + 6] != '\\' || json[position + 7] != 'u'
                        || Hex4(json, position + 8) is < 0xDC00 or > 0xDFFF)
                    {
                        return JsonTextFault.LoneSurrogate;
                    }

                    position += 12;
                }
                else if (unit is >= 0xDC00 and <= 0xDFFF)
                {
                    return JsonTextFault.LoneSurrogate;
                }
                else
                {
                    position += 6;
                }
            }

            if (position >= json.Length)
            {
                break;
            }

            var next = json[position..].IndexOf((byte)'\\');
            position = next < 0 ? -1 : position + next;
        }

        return JsonTextFault.None;
    }

    /// <summary>
    /// Reports every string (property names included) that <see cref="Find"/> faults in a parsed request body, up to
    /// <paramref name="max"/> problems in all: messages of <c>batch</c> by their index and field path (e.g.
    /// <c>properties.products[0].name</c>), anything else in the body by its path.
    /// </summary>
    /// <param name="root">The body's root object.</param>
    /// <param name="isBatch">True for <c>/v1/batch</c>, false when the root is the message itself.</param>
    /// <param name="problems">Where the problems are added.</param>
    /// <param name="max">How many problems to report at most.</param>
    public static void Report(JsonElement root, bool isBatch, List<IngestProblem> problems, int max)
    {
        ArgumentNullException.ThrowIfNull(problems);

        // Names are compared as sent: unescaping one with a lone surrogate escape throws.
        foreach (var property in root.EnumerateObject())
        {
            if (problems.Count >= max)
            {
                return;
            }

            if (!isBatch)
            {
                // The root is the message; an unreadable writeKey leaves the request without a key (malformed).
                var kind = JsonMarshal.GetRawUtf8PropertyName(property).SequenceEqual("writeKey"u8) ? IngestProblemKind.Malformed : IngestProblemKind.Invalid;
                Member(property, null, "", kind, problems, max);
            }
            else if (JsonMarshal.GetRawUtf8PropertyName(property).SequenceEqual("batch"u8) && property.Value.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var message in property.Value.EnumerateArray())
                {
                    if (problems.Count >= max)
                    {
                        return;
                    }

                    Walk(message, index++, "", IngestProblemKind.Invalid, problems, max);
                }
            }
            else
            {
                Member(property, null, "", IngestProblemKind.Malformed, problems, max);
            }
        }
    }

    private static void Walk(JsonElement element, int? index, string path, IngestProblemKind kind, List<IngestProblem> problems, int max)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (problems.Count >= max)
                    {
                        return;
                    }

                    Member(property, index, path, kind, problems, max);
                }

                break;
            case JsonValueKind.Array:
                var item = 0;
                foreach (var value in element.EnumerateArray())
                {
                    if (problems.Count >= max)
                    {
                        return;
                    }

                    Walk(value, index, $"{path}[{item++}]", kind, problems, max);
                }

                break;
            case JsonValueKind.String:
                var fault = Find(JsonMarshal.GetRawUtf8Value(element)[1..^1]);
                if (fault != JsonTextFault.None)
                {
                    problems.Add(new IngestProblem(kind, index, path, Describe(fault, $"The value of \"{path}\"")));
                }

                break;
        }
    }

    private static void Member(JsonProperty property, int? index, string path, IngestProblemKind kind, List<IngestProblem> problems, int max)
    {
        var rawName = JsonMarshal.GetRawUtf8PropertyName(property);

        // The name as sent, escapes and all; bytes that are not UTF-8 show as U+FFFD.
        var name = Encoding.UTF8.GetString(rawName);
        var memberPath = path.Length == 0 ? name : $"{path}.{name}";
        var fault = Find(rawName);
        if (fault != JsonTextFault.None)
        {
            problems.Add(new IngestProblem(kind, index, memberPath, Describe(fault, $"The property name \"{memberPath}\"")));
        }

        Walk(property.Value, index, memberPath, kind, problems, max);
    }

    /// <summary>What is wrong with the text and how to fix it.</summary>
    public static string Describe(JsonTextFault fault, string subject) => fault switch
    {
        JsonTextFault.InvalidUtf8 =>
            $"{subject} is not valid UTF-8 (invalid bytes show as U+FFFD here). Send JSON encoded as UTF-8; such bytes usually come from text in another encoding (e.g. Latin-1) or cut in the middle of a character.",
        JsonTextFault.NulCharacter =>
            $"{subject} contains \\u0000, the NUL character, which the event store cannot keep in text. Remove it.",
        JsonTextFault.LoneSurrogate =>
            $"{subject} contains a \\uD800-\\uDFFF escape that is not half of a surrogate pair, so it is no character. Escape a character beyond U+FFFF as a high and a low surrogate (e.g. \\uD83D\\uDE00), or send it as UTF-8.",
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    /// <summary>Four hex digits at <paramref name="start"/> as a UTF-16 code unit; -1 when they are not (or are cut off).</summary>
    private static int Hex4(ReadOnlySpan<byte> json, int start)
    {
        if (json.Length < start + 4)
        {
            return -1;
        }

        var unit = 0;
        for (var i = start; i < start + 4; i++)
        {
            var digit = HexDigit(json[i]);
            if (digit < 0)
            {
                return -1;
            }

            unit = (unit << 4) | digit;
        }

        return unit;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
