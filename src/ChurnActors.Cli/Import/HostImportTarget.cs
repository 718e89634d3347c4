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
    private readonly ChurnApiClient _client;
    private readonly SimulationBatchSender _sender;
    private long _sent;

    public HostImportTarget(ChurnApiClient client, int batchSize, int concurrency)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _sender = new SimulationBatchSender(client, batchSize, concurrency);
    }

    public string Description => _client.BaseAddress.ToString();

    public long Sent => Interlocked.Read(ref _sent);

    public long Written => _sender.Accepted;

    public long Duplicates => _sender.Duplicates;

    public string? Error => _sender.Error;

    public async Task AddAsync(SourceMessage message, IncomingEvent parsed, CancellationToken cancellationToken)
    {
        if (_sender.Error is not null)
        {
            return;
        }

        await _sender.AddAsync(message.Json, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _sent);
    }

    public Task CompleteAsync(CancellationToken cancellationToken) => _sender.CompleteAsync(cancellationToken);

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
