namespace ChurnActors.Cli.Import;

/// <summary>The input cannot be read in the chosen format at all (not just a bad row); the message says why.</summary>
internal sealed class ImportFormatException : Exception
{
    public ImportFormatException()
    {
    }

    public ImportFormatException(string message)
        : base(message)
    {
    }

    public ImportFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
