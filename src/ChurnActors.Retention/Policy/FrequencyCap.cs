namespace ChurnActors.Retention.Policy;

/// <summary>An enabled, validated frequency cap.</summary>
internal sealed record FrequencyCap(string Name, string Channel, int Limit, TimeSpan Window)
{
    public bool Counts(string channel) =>
        Channel == ContactPolicyOptions.AnyChannel || string.Equals(Channel, channel, StringComparison.OrdinalIgnoreCase);

    public bool Counts(ContactRecord contact, DateTimeOffset now) => Counts(contact.Channel) && contact.At > now - Window;

    public override string ToString() => $"{Name} ({Limit} {(Channel == ContactPolicyOptions.AnyChannel ? "contacts" : Channel)} in {Durations.Format(Window)})";
}
