namespace ChurnActors.Domain.Events;

/// <summary>Names of <see cref="CallType"/> values as they appear in Segment payloads and URLs.</summary>
public static class CallTypes
{
    public static string ToWireName(this CallType call) => call switch
    {
        CallType.Track => "track",
        CallType.Identify => "identify",
        CallType.Page => "page",
        CallType.Screen => "screen",
        CallType.Group => "group",
        CallType.Alias => "alias",
        _ => throw new ArgumentOutOfRangeException(nameof(call), call, "Unknown call type."),
    };

    public static bool TryParse(string? wireName, out CallType call)
    {
        switch (wireName)
        {
            case "track": call = CallType.Track; return true;
            case "identify": call = CallType.Identify; return true;
            case "page": call = CallType.Page; return true;
            case "screen": call = CallType.Screen; return true;
            case "group": call = CallType.Group; return true;
            case "alias": call = CallType.Alias; return true;
            default: call = default; return false;
        }
    }
}
