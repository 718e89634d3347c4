namespace ChurnActors.Domain.Scoring;

/// <summary>Thrown when a model snapshot is inconsistent and cannot be scored; the message says what is wrong.</summary>
public sealed class InvalidModelSnapshotException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public InvalidModelSnapshotException()
        : base("The model snapshot is invalid.")
    {
    }

    /// <summary>Creates the exception with a message that says what is wrong.</summary>
    public InvalidModelSnapshotException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public InvalidModelSnapshotException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
