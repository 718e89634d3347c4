namespace ChurnActors.Cli.Arguments;

/// <summary>
/// The command line was wrong (unknown option, missing value, bad number, missing setting). The CLI prints the
/// message and the command's usage to stderr and exits with <see cref="ExitCodes.Usage"/>.
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
