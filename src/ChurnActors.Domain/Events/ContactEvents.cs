namespace ChurnActors.Domain.Events;

/// <summary>Event names and limits of the signals that decide whether and when a customer may be contacted.</summary>
public static class ContactEvents
{
    /// <summary>The track event a customer sends when it unsubscribes from every message (its timestamp is kept).</summary>
    public const string Unsubscribed = "Unsubscribed";

    /// <summary>Longest time zone id or country kept, in chars; a longer value is ignored (the event is kept).</summary>
    public const int MaxSignalLength = 64;
}
