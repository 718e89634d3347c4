using ChurnActors.LoadTools.Http;
using ChurnActors.Simulation;
using ChurnActors.Domain.Events;

namespace ChurnActors.Cli.Import;

/// <summary>
/// Sends through a host's <c>POST /v1/batch</c> with the batch sender <c>simulate --url</c> uses (bodies below the
/// host's size limit, a few requests in flight, 503/429 retried). The host dedupes by its write key's source.
/// </summary>
internal sealed class HostImportTarget : IImportTarget
{
    private readonly ChurnApiClient client;
    private readonly SimulationBatchSender sender;
    private long sent;

    public HostImportTarget(ChurnApiClient client, int batchSize, int concurrency)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.client = client;
        sender = new SimulationBatchSender(client, batchSize, concurrency);
    }

    public string Description => client.BaseAddress.ToString();

    public long Sent => Interlocked.Read(ref sent);

    public long Written => sender.Accepted;

    public long Duplicates => sender.Duplicates;

    public string? Error => sender.Error;

    public async Task AddAsync(SourceMessage message, IncomingEvent parsed, CancellationToken cancellationToken)
    {
        if (sender.Error is not null)
        {
            return;
        }

        await sender.AddAsync(message.Json, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref sent);
    }

    public Task CompleteAsync(CancellationToken cancellationToken) => sender.CompleteAsync(cancellationToken);

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }
}
