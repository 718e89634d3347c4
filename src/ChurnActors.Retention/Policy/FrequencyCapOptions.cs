namespace ChurnActors.Retention.Policy;

/// <summary>
/// One frequency cap: at most <see cref="Limit"/> contacts through <see cref="Channel"/> within any rolling
/// <see cref="Window"/>. Bound from <c>ChurnActors:Retention:Policy:Caps:{name}</c>.
/// </summary>
public sealed class FrequencyCapOptions
{
    /// <summary>The channel it counts (case-insensitive), or <c>*</c> for every channel together.</summary>
    public string Channel { get; set; } = "";

    /// <summary>The most contacts allowed inside the window (at least 1; suppress a customer to send nothing).</summary>
    public int Limit { get; set; }

    /// <summary>The rolling window: a contact counts while it is less than this long ago.</summary>
    public TimeSpan Window { get; set; }

    /// <summary>False turns the cap off, e.g. to remove a default cap through configuration.</summary>
    public bool Enabled { get; set; } = true;
}
