namespace ChurnActors.Cli.Suppressions;

/// <summary>A <c>suppressions</c> request that was refused or failed, with a message that says why (exit 1).</summary>
internal sealed class SuppressionsCommandException : Exception
{
    public SuppressionsCommandException()
    {
    }

    public SuppressionsCommandException(string message)
        : base(message)
    {
    }

    public SuppressionsCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
