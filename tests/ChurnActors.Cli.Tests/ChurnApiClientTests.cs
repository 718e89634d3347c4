using System.Net.Http.Headers;
using ChurnActors.LoadTools.Http;

namespace ChurnActors.Cli.Tests;

public sealed class ChurnApiClientTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RetryDelay_HonoursRetryAfterSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), ChurnApiClient.RetryDelay(new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)), attempt: 0, Now));
    }

    [Fact]
    public void RetryDelay_HonoursRetryAfterDate()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), ChurnApiClient.RetryDelay(new RetryConditionHeaderValue(Now.AddSeconds(2)), attempt: 4, Now));
    }

    [Fact]
    public void RetryDelay_CapsServerRequestedWaitAtThirtySeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), ChurnApiClient.RetryDelay(new RetryConditionHeaderValue(TimeSpan.FromMinutes(10)), attempt: 0, Now));
    }

    [Fact]
    public void RetryDelay_BacksOffExponentially_WithoutRetryAfter()
    {
        var first = ChurnApiClient.RetryDelay(null, attempt: 0, Now);
        var fourth = ChurnApiClient.RetryDelay(null, attempt: 3, Now);
        var late = ChurnApiClient.RetryDelay(null, attempt: 15, Now);

        Assert.InRange(first.TotalMilliseconds, 80, 120);
        Assert.InRange(fourth.TotalMilliseconds, 640, 960);
        Assert.InRange(late.TotalMilliseconds, 4000, 6000);
    }
}
