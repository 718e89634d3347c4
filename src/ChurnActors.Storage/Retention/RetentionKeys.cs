using System.Globalization;

namespace ChurnActors.Storage.Retention;

/// <summary>
/// Idempotency keys of actions. A step's final decision has one key per episode and step, so a replayed episode or a
/// job run twice records (and sends) it once; a deferral (quiet hours) has its own key per deferred time.
/// </summary>
public static class RetentionKeys
{
    /// <summary>The key of the final decision about <paramref name="stepId"/> in episode <paramref name="episodeId"/>.</summary>
    public static string Action(long episodeId, string stepId) =>
        string.Create(CultureInfo.InvariantCulture, $"episode-{episodeId}-step-{stepId}");

    /// <summary>The key of a deferral of the step to <paramref name="until"/>.</summary>
    public static string Deferral(long episodeId, string stepId, DateTimeOffset until) =>
        string.Create(CultureInfo.InvariantCulture, $"episode-{episodeId}-step-{stepId}-deferred-{until.ToUnixTimeSeconds()}");
}
