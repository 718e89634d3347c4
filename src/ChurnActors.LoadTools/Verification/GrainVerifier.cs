using System.Collections.Concurrent;
using System.Diagnostics;
using ChurnActors.LoadTools.Http;

namespace ChurnActors.LoadTools.Verification;

/// <summary>
/// Polls <c>GET /v1/users/{id}</c> for every expected customer, with limited concurrency and growing pauses
/// between rounds, until each customer's <c>eventsApplied</c> reaches its expected count or the timeout passes.
/// </summary>
public sealed class GrainVerifier
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    private readonly ChurnApiClient _client;
    private readonly int _maxConcurrency;

    public GrainVerifier(ChurnApiClient client, int maxConcurrency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        _client = client;
        _maxConcurrency = maxConcurrency;
    }

    /// <param name="expected">Events expected per customer; customers expecting 0 are ignored.</param>
    /// <param name="exact">When true, a grain with more events than expected is a mismatch too.</param>
    /// <param name="timeout">How long to keep polling from now.</param>
    /// <param name="sinceTimestamp">Stopwatch timestamp that <see cref="VerifyResult.Elapsed"/> is measured from.</param>
    public async Task<VerifyResult> WaitAsync(
        IReadOnlyDictionary<string, int> expected, bool exact, TimeSpan timeout, long sinceTimestamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);

        var targets = expected.Where(e => e.Value > 0).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var states = new ConcurrentDictionary<string, UserState>(StringComparer.Ordinal);
        var pending = targets.Keys.ToList();
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var completedAt = sinceTimestamp;
        var pause = FirstPause;
        string? firstError = null;
        var rejected = false;

        while (pending.Count > 0)
        {
            var done = new ConcurrentBag<string>();
            await Parallel.ForEachAsync(
                pending,
                new ParallelOptions { MaxDegreeOfParallelism = _maxConcurrency, CancellationToken = cancellationToken },
                async (userId, token) =>
                {
                    var lookup = await _client.GetUserAsync(userId, token).ConfigureAwait(false);
                    switch (lookup.Status)
                    {
                        case UserLookupStatus.Found when lookup.State is { } state:
                            states[userId] = state;
                            if (state.EventsApplied >= targets[userId])
                            {
                                done.Add(userId);
                            }

                            break;
                        case UserLookupStatus.Rejected:
                            rejected = true;
                            Interlocked.CompareExchange(ref firstError, lookup.Error, null);
                            break;
                        case UserLookupStatus.Failed:
                            Interlocked.CompareExchange(ref firstError, lookup.Error, null);
                            break;
                    }
                }).ConfigureAwait(false);

            if (!done.IsEmpty)
            {
                var finished = done.ToHashSet(StringComparer.Ordinal);
                pending.RemoveAll(finished.Contains);
                completedAt = Stopwatch.GetTimestamp();
            }

            var now = Stopwatch.GetTimestamp();
            if (pending.Count == 0 || rejected || now >= deadline)
            {
                break;
            }

            var remaining = Stopwatch.GetElapsedTime(now, deadline);
            await Task.Delay(pause < remaining ? pause : remaining, cancellationToken).ConfigureAwait(false);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }

        var mismatches = targets
            .Select(t => new CustomerShortfall(t.Key, t.Value, states.TryGetValue(t.Key, out var s) ? s.EventsApplied : 0))
            .Where(m => m.Applied < m.Expected || (exact && m.Applied > m.Expected))
            .OrderBy(m => m.UserId, StringComparer.Ordinal)
            .ToList();
        var elapsed = Stopwatch.GetElapsedTime(sinceTimestamp, pending.Count == 0 ? completedAt : Stopwatch.GetTimestamp());
        return new VerifyResult(
            targets.Count,
            targets.Count - pending.Count,
            targets.Values.Sum(v => (long)v),
            targets.Keys.Sum(k => states.TryGetValue(k, out var s) ? s.EventsApplied : 0),
            elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed,
            mismatches.Count == 0 && !rejected,
            mismatches,
            firstError,
            new Dictionary<string, UserState>(states, StringComparer.Ordinal));
    }
}
