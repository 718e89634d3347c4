using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace ChurnActors.LoadTools.Chaos;

/// <summary>
/// After a kill, reads a few customers (<c>GET /v1/users</c>) through the surviving silos over and over until each
/// answers. A customer whose grain lived on the killed silo does not answer at once (its calls fail or time out until
/// the silo is declared dead and the grain is activated elsewhere); one on a survivor answers its first attempt. The
/// probe reports, for the former, the time from the kill to their first successful read.
/// </summary>
public static class ChaosReadProbe
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    /// <param name="customers">Customers with acknowledged events (a customer without any is answered 404).</param>
    /// <returns>Seconds from the kill to the first successful read of each probed customer whose first read failed.</returns>
    public static async Task<IReadOnlyList<double>> RunAsync(
        SiloTargets targets, string readKey, IReadOnlyList<string> customers, long killedAt, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(customers);
        using var http = new HttpClient { Timeout = AttemptTimeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(readKey + ":")));
        var results = await Task.WhenAll(customers.Select(async customer =>
        {
            var first = true;
            while (Stopwatch.GetElapsedTime(killedAt) < limit)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri(targets.Next(), "v1/users/" + Uri.EscapeDataString(customer))).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return first ? (double?)null : Stopwatch.GetElapsedTime(killedAt).TotalSeconds;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // The survivor could not reach the grain yet.
                }

                first = false;
                await Task.Delay(TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
            }

            return double.PositiveInfinity;
        })).ConfigureAwait(false);
        return [.. results.Where(r => r is not null).Select(r => r!.Value).Order()];
    }
}
