using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Cli.Playbooks;

/// <summary>
/// A <c>playbooks</c> request that failed, with a message that says why. <see cref="Problems"/> holds the problems
/// of a definition the host refused (exit 2, like an invalid file); without them it is a failure (exit 1).
/// </summary>
internal sealed class PlaybooksCommandException : Exception
{
    public PlaybooksCommandException()
    {
    }

    public PlaybooksCommandException(string message)
        : base(message)
    {
    }

    public PlaybooksCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PlaybooksCommandException(string message, IReadOnlyList<PlaybookProblem> problems)
        : base(message)
    {
        Problems = problems;
    }

    public IReadOnlyList<PlaybookProblem> Problems { get; } = [];
}
