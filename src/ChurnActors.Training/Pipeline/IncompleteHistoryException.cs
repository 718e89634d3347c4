namespace ChurnActors.Training.Pipeline;

/// <summary>The event log does not reach far enough (or holds too little) for the requested cut-offs.</summary>
public sealed class IncompleteHistoryException : Exception
{
    public IncompleteHistoryException()
    {
    }

    public IncompleteHistoryException(string message)
        : base(message)
    {
    }

    public IncompleteHistoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
