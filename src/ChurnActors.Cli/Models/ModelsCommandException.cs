namespace ChurnActors.Cli.Models;

/// <summary>The registry or the host refused a <c>models</c> request; the message says why.</summary>
internal sealed class ModelsCommandException : Exception
{
    public ModelsCommandException()
    {
    }

    public ModelsCommandException(string message)
        : base(message)
    {
    }

    public ModelsCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
