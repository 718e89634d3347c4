namespace ChurnActors.Cli.CommandLine;

/// <summary>
/// The command line was wrong in a way only the running command can tell (a setting missing from both option and
/// environment, a file that does not exist, a batch above the host's limit). The CLI prints the message and the
/// command's help to stderr and exits with <see cref="ExitCodes.Usage"/>, as it does for parse errors.
/// </summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
