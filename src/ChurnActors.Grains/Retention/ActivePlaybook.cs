using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Grains.Retention;

/// <summary>An enabled playbook and the version new episodes start with.</summary>
public sealed record ActivePlaybook(string Id, int Version, PlaybookDefinition Definition);
