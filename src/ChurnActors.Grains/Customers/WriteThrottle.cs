using Microsoft.Extensions.Options;

namespace ChurnActors.Grains.Customers;

/// <summary>
/// Bounds how many grain state writes run at once on a silo. Awaits stay on the caller's context: the write
/// runs inside the grain's turn.
/// </summary>
public sealed class WriteThrottle(IOptions<WriteBehindOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentWrites);

    public async Task<T> RunAsync<T>(Func<Task<T>> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        await _slots.WaitAsync();
        try
        {
            return await write();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
