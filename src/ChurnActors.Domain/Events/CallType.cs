namespace ChurnActors.Domain.Events;

/// <summary>The Segment call that produced an event. Values are stored in the event log: never renumber.</summary>
public enum CallType : short
{
    Track = 1,
    Identify = 2,
    Page = 3,
    Screen = 4,
    Group = 5,
    Alias = 6,
}
