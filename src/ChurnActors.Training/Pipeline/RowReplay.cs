using System.Threading.Channels;
using ChurnActors.Domain.Replay;
using ChurnActors.Training.Events;

namespace ChurnActors.Training.Pipeline;

/// <summary>
/// Reads every customer from a history source and replays it at the cut-offs: the source reads on the calling task
/// while another task replays, so reading the log and computing features overlap.
/// </summary>
public static class RowReplay
{
    private const int QueuedCustomers = 4_096;

    /// <summary>
    /// Replays all customers at <paramref name="cutoffs"/>; the rows of cut-off <paramref name="evaluationIndex"/>
    /// (-1: none) are the evaluation rows, all others training rows. Reads only events before the last label's end.
    /// </summary>
    public static async Task<ReplayedRows> RunAsync(
        ICustomerHistorySource source,
        ChurnDefinition definition,
        IReadOnlyList<ReplayCutoff> cutoffs,
        int evaluationIndex,
        TrainingProgress progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(progress);
        var replayer = new PointInTimeReplayer(definition, cutoffs);
        var queue = Channel.CreateBounded<CustomerHistory>(new BoundedChannelOptions(QueuedCustomers)
        {
            SingleReader = true,
            SingleWriter = true,
        });

        var training = new List<PointInTimeRow>();
        var evaluation = new List<PointInTimeRow>();
        long customers = 0;
        var replay = Task.Run(
            async () =>
            {
                void Collect(PointInTimeRow row) => (row.CutoffIndex == evaluationIndex ? evaluation : training).Add(row);
                try
                {
                    await foreach (var customer in queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var rows = replayer.Replay(customer.CustomerKey, customer.Events, Collect);
                        customers++;
                        progress.AddCustomer(rows);
                    }
                }
                catch (Exception ex)
                {
                    queue.Writer.TryComplete(ex); // stops the reader instead of leaving it blocked on a full queue
                    throw;
                }
            },
            cancellationToken);

        try
        {
            await foreach (var customer in source.ReadAsync(replayer.LabelsEnd, progress, cancellationToken).ConfigureAwait(false))
            {
                await queue.Writer.WriteAsync(customer, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ChannelClosedException)
        {
            // The replay failed and closed the queue: its exception is rethrown below.
        }
        finally
        {
            queue.Writer.TryComplete();
        }

        await replay.ConfigureAwait(false);
        return new ReplayedRows(training, evaluation, customers);
    }
}
