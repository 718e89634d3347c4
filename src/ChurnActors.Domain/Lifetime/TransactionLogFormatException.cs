namespace ChurnActors.Domain.Lifetime;

/// <summary>A line of a transaction log could not be read; the message names the line and what was wrong.</summary>
public sealed class TransactionLogFormatException : FormatException
{
    public TransactionLogFormatException()
    {
    }

    public TransactionLogFormatException(string message)
        : base(message)
    {
    }

    public TransactionLogFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TransactionLogFormatException(int lineNumber, string problem)
        : base($"line {lineNumber}: {problem}")
    {
        LineNumber = lineNumber;
    }

    /// <summary>The 1-based line number, or 0 when not tied to a line.</summary>
    public int LineNumber { get; }
}
