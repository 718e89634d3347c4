using System.Threading.Channels;

namespace ChurnActors.LoadTools.Bench;

/// <summary>Hands batches to the senders: all of them built beforehand, or generated a little ahead of the senders.</summary>
public static class BatchFeed
{
    /// <summary>Batches already built (before the clock starts).</summary>
    public static ChannelReader<BenchBatch> Of(IReadOnlyList<BenchBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var channel = Channel.CreateUnbounded<BenchBatch>(new UnboundedChannelOptions { SingleWriter = true });
        foreach (var batch in batches)
        {
            channel.Writer.TryWrite(batch);
        }

        channel.Writer.Complete();
        return channel.Reader;
    }

    /// <summary>
    /// Batches generated on a background thread, at most <paramref name="ahead"/> ahead of the senders; generation
    /// stops when <paramref name="cancellationToken"/> fires or the source ends.
    /// </summary>
    public static ChannelReader<BenchBatch> Generate(IEnumerable<BenchBatch> source, int ahead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var channel = Channel.CreateBounded<BenchBatch>(new BoundedChannelOptions(Math.Max(1, ahead)) { SingleWriter = true });
        _ = Task.Run(
            async () =>
            {
                try
                {
                    foreach (var batch in source)
                    {
                        await channel.Writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    }

                    channel.Writer.TryComplete();
                }
#pragma warning disable CA1031 // Any failure ends the feed; the senders see it as the end of the run.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    channel.Writer.TryComplete(ex is OperationCanceledException ? null : ex);
                }
            },
            CancellationToken.None);
        return channel.Reader;
    }
}
