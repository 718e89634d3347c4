using ChurnActors.Storage.Audiences;

namespace ChurnActors.Cli.Audiences;

/// <summary>
/// An <c>audiences</c> request that failed, with a message that says why. <see cref="Problems"/> holds the problems of
/// a filter the host refused (exit 2, like an invalid file); without them it is a failure (exit 1).
/// </summary>
internal sealed class AudiencesCommandException : Exception
{
    public AudiencesCommandException()
    {
    }

    public AudiencesCommandException(string message)
        : base(message)
    {
    }

    public AudiencesCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AudiencesCommandException(string message, IReadOnlyList<AudienceProblem> problems)
        : base(message)
    {
        Problems = problems;
    }

    public IReadOnlyList<AudienceProblem> Problems { get; } = [];
}
