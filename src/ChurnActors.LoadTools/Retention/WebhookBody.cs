namespace ChurnActors.LoadTools.Retention;

/// <summary>The fields of a retention action's webhook body that a person reads (the host sends more).</summary>
public sealed record WebhookBody(
    string? CustomerId, string? PlaybookId, int? PlaybookVersion, string? EpisodeId, string? StepId, string? Arm, double? Score, string? Band);
