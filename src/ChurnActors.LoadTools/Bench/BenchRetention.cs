namespace ChurnActors.LoadTools.Bench;

/// <summary>
/// What the playbooks of a <c>bench ingest --playbooks N</c> run did: the playbooks, the episodes they opened from the
/// start of the measured phase until the count settled after it, and the webhooks the bench's receiver answered in
/// that time.
/// </summary>
public sealed record BenchRetention(IReadOnlyList<string> Playbooks, long EpisodesOpened, long WebhooksReceived);
