namespace ChurnActors.LoadTools.Http;

/// <summary>
/// The outcome of sending one batch, after retries. <see cref="Accepted"/> and <see cref="Duplicates"/> are
/// -1 when the host's 200 body did not carry them.
/// </summary>
public sealed record BatchPostResult(bool Acknowledged, int Retries, int Accepted, int Duplicates, string? Error);
