using ChurnActors.LoadTools.Reporting;
using Spectre.Console;

namespace ChurnActors.Cli.CommandLine;

/// <summary>
/// Shows the progress of long work on stderr: on a terminal, a Spectre.Console progress bar (a spinner when the end is
/// not known) redrawn in place and cleared at the end; when stderr is redirected (logs, CI, tests), the plain line
/// appended every few seconds. Disposing stops it.
/// </summary>
internal sealed class ProgressDisplay : IAsyncDisposable
{
    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan DefaultPlainInterval = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ProgressDisplay(CliContext context, string title, Func<ProgressState> read, TimeSpan plainInterval)
    {
        _loop = context.ErrorIsTerminal ? RunBarAsync(context.Error, title, read) : RunLinesAsync(context.Error, read, plainInterval);
    }

    /// <param name="context">Where stderr is and whether it is a terminal.</param>
    /// <param name="title">What the work is, e.g. "sending".</param>
    /// <param name="read">Reads the current state; called from a background task.</param>
    /// <param name="plainInterval">How often a plain line is written when stderr is redirected (default 5 s).</param>
    public static ProgressDisplay Start(CliContext context, string title, Func<ProgressState> read, TimeSpan? plainInterval = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(read);
        return new ProgressDisplay(context, title, read, plainInterval ?? DefaultPlainInterval);
    }

    /// <summary>Progress whose end is not known: a line of counts only.</summary>
    public static ProgressDisplay Start(CliContext context, string title, Func<string> describe, TimeSpan? plainInterval = null)
    {
        ArgumentNullException.ThrowIfNull(describe);
        return Start(context, title, () => new ProgressState(describe()), plainInterval);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunLinesAsync(TextWriter error, Func<ProgressState> read, TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                await error.WriteLineAsync(read().Text).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped by DisposeAsync.
        }
    }

    private Task RunBarAsync(TextWriter error, string title, Func<ProgressState> read)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Ansi = AnsiSupport.Detect,
            Interactive = InteractionSupport.Yes,
        });
        var text = string.Empty;
        return console.Progress()
            .AutoClear(true)
            .Columns(
                new SpinnerColumn(),
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn { Width = 30 },
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new ProgressTextColumn(() => Volatile.Read(ref text)))
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape(title), maxValue: 1);
                using var timer = new PeriodicTimer(TerminalInterval);
                try
                {
                    do
                    {
                        var state = read();
                        Volatile.Write(ref text, state.Text);
                        task.IsIndeterminate = state.Fraction is null;
                        task.Value = Math.Clamp(state.Fraction ?? 0, 0, 1);
                        progress.Refresh();
                    }
                    while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    // Stopped by DisposeAsync.
                }
            });
    }
}
