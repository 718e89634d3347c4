namespace ChurnActors.LoadTools.Reporting;

/// <summary>
/// Where a load tool writes: results to <see cref="Out"/>, informational lines and errors to <see cref="Info"/>, and
/// the progress of long phases through <see cref="Progress"/> (a bar on a terminal, lines in a log: the caller decides).
/// </summary>
public sealed class ToolOutput(TextWriter output, TextWriter info, Func<string, Func<ProgressState>, TimeSpan?, IAsyncDisposable> progress)
{
    /// <summary>Results: tables and JSON.</summary>
    public TextWriter Out { get; } = output;

    /// <summary>Errors, warnings and what the tool is doing.</summary>
    public TextWriter Info { get; } = info;

    /// <summary>Shows the progress of a phase named <paramref name="title"/> until the result is disposed.</summary>
    /// <param name="title">What the phase does.</param>
    /// <param name="read">Reads the current state; called from a background task.</param>
    /// <param name="plainInterval">How often a line is written when the output is a log rather than a terminal.</param>
    public IAsyncDisposable Progress(string title, Func<ProgressState> read, TimeSpan? plainInterval = null) => progress(title, read, plainInterval);
}
