namespace ChurnActors.Silo.Console.Data;

/// <summary>
/// The overview's figures, read at most every <see cref="MaxAge"/>. They aggregate the whole projection (a full pass
/// over a million rows takes about a second on a small box), so the page shows the last figures, at most
/// <see cref="MaxAge"/> old, and a stale set starts one refresh in the background while it is still shown. The host reads them once at start
/// (<see cref="OverviewWarmup"/>): only a view while that first pass runs waits for it. The projection itself lags its grains by seconds, so figures
/// this old say the same.
/// </summary>
public sealed class OverviewCache(ConsoleReader reader, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private OverviewFigures? _last;
    private Task<OverviewFigures>? _refresh;

    public Task<OverviewFigures> GetAsync(CancellationToken cancellationToken)
    {
        Task<OverviewFigures> refresh;
        lock (_lock)
        {
            if (_last is { } last && time.GetUtcNow() - last.AsOf < MaxAge)
            {
                return Task.FromResult(last);
            }

            if (_refresh is null || _refresh.IsCompleted)
            {
                _refresh = RefreshAsync();
            }

            if (_last is { } stale)
            {
                return Task.FromResult(stale);
            }

            refresh = _refresh;
        }

        return refresh.WaitAsync(cancellationToken);
    }

    private async Task<OverviewFigures> RefreshAsync()
    {
        // Not the request's token: the pass serves every later view too.
        var figures = await reader.OverviewAsync(time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        lock (_lock)
        {
            _last = figures;
        }

        return figures;
    }
}
