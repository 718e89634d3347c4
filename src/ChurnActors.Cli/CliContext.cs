namespace ChurnActors.Cli;

/// <summary>
/// Where a command writes and reads its environment, so tests can run commands in-process. Both writers are
/// synchronized because progress lines are written from a background task.
/// </summary>
internal sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, bool errorIsTerminal, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        Out = TextWriter.Synchronized(output);
        Error = TextWriter.Synchronized(error);
        ErrorIsTerminal = errorIsTerminal;
        GetEnvironmentVariable = getEnvironmentVariable;
    }

    /// <summary>Results (tables, JSON).</summary>
    public TextWriter Out { get; }

    /// <summary>Errors, usage after an error, progress and informational lines.</summary>
    public TextWriter Error { get; }

    /// <summary>True when stderr is an interactive terminal (progress redraws one line instead of logging).</summary>
    public bool ErrorIsTerminal { get; }

    public Func<string, string?> GetEnvironmentVariable { get; }

    public static CliContext FromConsole() =>
        new(Console.Out, Console.Error, !Console.IsErrorRedirected, Environment.GetEnvironmentVariable);
}
