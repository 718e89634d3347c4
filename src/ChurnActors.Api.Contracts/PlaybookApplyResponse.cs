namespace ChurnActors.Api.Contracts;

/// <summary>
/// What applying a definition did: <c>created</c> (a new playbook, or a deleted one brought back), <c>versioned</c> (a new
/// version is current), or <c>unchanged</c> (the same definition as the current version; only enabled may have changed).
/// </summary>
public sealed record PlaybookApplyResponse(string Outcome, PlaybookResponse Playbook);
