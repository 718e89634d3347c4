using System.Text.Json;

namespace ChurnActors.LoadTools.Http;

/// <summary>
/// The parts of <c>GET /v1/users/{id}</c> the tools read. <see cref="Orders"/> is a count or a list of orders,
/// depending on the host's version.
/// </summary>
public sealed record UserAnswer(long? EventsApplied, JsonElement? Orders, decimal? Revenue, DateTimeOffset? FirstSeen, DateTimeOffset? LastSeen)
{
    public long? OrderCount => Orders switch
    {
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt64(out var count) => count,
        { ValueKind: JsonValueKind.Array } list => list.GetArrayLength(),
        _ => null,
    };
}
