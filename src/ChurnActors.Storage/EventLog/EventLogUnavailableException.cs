namespace ChurnActors.Storage.EventLog;

/// <summary>The event log's store could not be reached; the append was not written (none of it).</summary>
public sealed class EventLogUnavailableException : Exception
{
    public EventLogUnavailableException()
    {
    }

    public EventLogUnavailableException(string message)
        : base(message)
    {
    }

    public EventLogUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
