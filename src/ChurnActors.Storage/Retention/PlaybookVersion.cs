using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Storage.Retention;

/// <summary>One immutable version of a playbook, as applied.</summary>
public sealed record PlaybookVersion(int Version, DateTimeOffset CreatedAt, PlaybookDefinition Definition);
