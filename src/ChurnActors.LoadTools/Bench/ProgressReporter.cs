namespace ChurnActors.LoadTools.Bench;

/// <summary>
/// Writes a progress line to stderr from a background loop: redrawn in place every 250 ms on a terminal,
/// appended every 5 s otherwise (logs, CI). Disposing stops it and clears the in-place line.
/// </summary>
public sealed class ProgressReporter : IAsyncDisposable
{
    private readonly TextWriter error;
    private readonly bool interactive;
    private readonly Func<string> describe;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int drawnLength;

    private ProgressReporter(TextWriter error, bool interactive, Func<string> describe, TimeSpan interval)
    {
        this.error = error;
        this.interactive = interactive;
        this.describe = describe;
        loop = RunAsync(interval);
    }

    public static ProgressReporter Start(TextWriter error, bool interactive, Func<string> describe, TimeSpan? interval = null) =>
        new(error, interactive, describe, interval ?? (interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(5)));

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        if (interactive && drawnLength > 0)
        {
            await error.WriteAsync("\r" + new string(' ', drawnLength) + "\r").ConfigureAwait(false);
        }

        stop.Dispose();
    }

    private async Task RunAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                var line = describe();
                if (interactive)
                {
                    await error.WriteAsync("\r" + line.PadRight(drawnLength)).ConfigureAwait(false);
                    drawnLength = Math.Max(drawnLength, line.Length);
                }
                else
                {
                    await error.WriteLineAsync(line).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped by DisposeAsync.
        }
    }
}
