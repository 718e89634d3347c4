namespace ChurnActors.Storage.EventLog;

/// <summary>
/// The event log's store refused the data of the append (a value it cannot hold, e.g. a NUL character in text): none
/// of it was written, and sending the same events again fails again. Other appends committed beside it are not
/// affected.
/// </summary>
public sealed class EventLogRejectedException : Exception
{
    public EventLogRejectedException()
    {
    }

    public EventLogRejectedException(string message)
        : base(message)
    {
    }

    public EventLogRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
