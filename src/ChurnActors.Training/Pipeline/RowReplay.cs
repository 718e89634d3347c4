using System.Threading.Channels;
using ChurnActors.Domain.Replay;
using ChurnActors.Training.Events;

namespace ChurnActors.Training.Pipeline;

/// <summary>
/// Reads every customer from a history source and replays it at the cut-offs: the source reads on the calling task
/// while replay tasks (one per core, each with its own replayer) work through blocks of customers, so reading the log
/// and computing features overlap and replay uses every core. The rows come out in the source's customer order
/// whatever the number of tasks, so a run is repeatable.
/// </summary>
public static class RowReplay
{
    private const int CustomersPerBlock = 256;

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
        var labelsEnd = new PointInTimeReplayer(definition, cutoffs).LabelsEnd;
        var workers = Math.Max(1, Environment.ProcessorCount);
        var queue = Channel.CreateBounded<(int Index, List<CustomerHistory> Customers)>(new BoundedChannelOptions(2 * workers)
        {
            SingleReader = false,
            SingleWriter = true,
        });

        var results = new List<(List<PointInTimeRow> Training, List<PointInTimeRow> Evaluation)?>();
        long customers = 0;
        var replays = Enumerable.Range(0, workers).Select(_ => Task.Run(
            async () =>
            {
                var replayer = new PointInTimeReplayer(definition, cutoffs);
                try
                {
                    await foreach (var (index, block) in queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var training = new List<PointInTimeRow>();
                        var evaluation = new List<PointInTimeRow>();
                        void Collect(PointInTimeRow row) => (row.CutoffIndex == evaluationIndex ? evaluation : training).Add(row);
                        foreach (var customer in block)
                        {
                            progress.AddCustomer(replayer.Replay(customer.CustomerKey, customer.Events, Collect));
                        }

                        lock (results)
                        {
                            while (results.Count <= index)
                            {
                                results.Add(null);
                            }

                            results[index] = (training, evaluation);
                            customers += block.Count;
                        }
                    }
                }
                catch (Exception ex)
                {
                    queue.Writer.TryComplete(ex); // stops the reader instead of leaving it blocked on a full queue
                    throw;
                }
            },
            cancellationToken)).ToArray();

        try
        {
            var blocks = 0;
            var block = new List<CustomerHistory>(CustomersPerBlock);
            await foreach (var customer in source.ReadAsync(labelsEnd, progress, cancellationToken).ConfigureAwait(false))
            {
                block.Add(customer);
                if (block.Count == CustomersPerBlock)
                {
                    await queue.Writer.WriteAsync((blocks++, block), cancellationToken).ConfigureAwait(false);
                    block = new List<CustomerHistory>(CustomersPerBlock);
                }
            }

            if (block.Count > 0)
            {
                await queue.Writer.WriteAsync((blocks, block), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ChannelClosedException)
        {
            // A replay failed and closed the queue: its exception is rethrown below.
        }
        finally
        {
            queue.Writer.TryComplete();
        }

        await Task.WhenAll(replays).ConfigureAwait(false);
        var allTraining = new List<PointInTimeRow>();
        var allEvaluation = new List<PointInTimeRow>();
        foreach (var result in results)
        {
            allTraining.AddRange(result!.Value.Training);
            allEvaluation.AddRange(result.Value.Evaluation);
        }

        return new ReplayedRows(allTraining, allEvaluation, customers);
    }
}
