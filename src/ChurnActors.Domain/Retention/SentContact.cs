namespace ChurnActors.Domain.Retention;

/// <summary>A contact sent to the customer, as the frequency caps count it.</summary>
public sealed class SentContact
{
    public string Channel { get; set; } = "";

    public DateTimeOffset At { get; set; }

    /// <summary>What sent it (e.g. <c>playbook:winback@2#0</c>).</summary>
    public string Source { get; set; } = "";
}
