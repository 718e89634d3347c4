using ChurnActors.Grains.Dispatch;
using Microsoft.Extensions.Options;

namespace ChurnActors.Grains.Tests;

public sealed class DispatchAdmissionTests
{
    private static DispatchAdmission Admission(int maxBacklog, TimeSpan maxWait) =>
        new(Options.Create(new NodeOptions { MaxDispatchBacklog = maxBacklog, MaxAdmissionWait = maxWait }));

    [Fact]
    public async Task WaitForRoomAsync_AdmitsAtOnce_WhileTheBacklogIsBelowItsBound()
    {
        var admission = Admission(maxBacklog: 10, maxWait: TimeSpan.FromMinutes(5));
        admission.Queued(9);

        var waiting = admission.WaitForRoomAsync(CancellationToken.None);

        Assert.True(waiting.IsCompleted, "a backlog below the bound should not make a request wait");
        Assert.True(await waiting);
    }

    [Fact]
    public async Task WaitForRoomAsync_RefusesAfterTheWait_WhenNothingIsDelivered()
    {
        var admission = Admission(maxBacklog: 10, maxWait: TimeSpan.FromMilliseconds(50));
        admission.Queued(10);

        Assert.False(await admission.WaitForRoomAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(10, admission.Backlog);
    }

    [Fact]
    public async Task WaitForRoomAsync_Admits_OnceDeliveryBringsTheBacklogBelowItsBound()
    {
        var admission = Admission(maxBacklog: 10, maxWait: TimeSpan.FromMinutes(5));
        admission.Queued(12);
        var waiting = admission.WaitForRoomAsync(CancellationToken.None).AsTask();

        admission.Delivered(2);
        Assert.False(waiting.IsCompleted, "a backlog still at the bound should keep the request waiting");
        admission.Delivered(5);

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(5, admission.Backlog);
    }
}
