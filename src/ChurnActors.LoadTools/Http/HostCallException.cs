namespace ChurnActors.LoadTools.Http;

/// <summary>A call to the host that failed; the message says which call and why, ready to print.</summary>
public sealed class HostCallException : Exception
{
    public HostCallException()
    {
    }

    public HostCallException(string message)
        : base(message)
    {
    }

    public HostCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
