using System.Text.Json.Serialization;

namespace ChurnActors.Retention.Playbooks;

/// <summary>One action of a playbook, taken <see cref="Delay"/> after the episode opened.</summary>
public sealed record PlaybookStep
{
    /// <summary>The default channel of a step.</summary>
    public const string DefaultChannel = "email";

    /// <summary>Unique within the playbook; part of every action's idempotency key, so keep it stable across versions.</summary>
    public required string Id { get; init; }

    /// <summary>The delay after entry as written (<c>0</c>, <c>12h</c>, <c>3d</c>, <c>30m</c>); see <see cref="PlaybookDelay"/>.</summary>
    public string Delay { get; init; } = "0";

    public required PlaybookAction Action { get; init; }

    /// <summary>The channel the contact policy caps this step under (<c>email</c>, <c>sms</c>, <c>push</c>, ...).</summary>
    public string Channel { get; init; } = DefaultChannel;

    /// <summary>The delay as a time span (the definition has been validated, so it parses).</summary>
    [JsonIgnore]
    public TimeSpan DelayTime => PlaybookDelay.TryParse(Delay, out var delay)
        ? delay
        : throw new InvalidOperationException($"Step '{Id}' has delay '{Delay}', which is not a duration.");
}
