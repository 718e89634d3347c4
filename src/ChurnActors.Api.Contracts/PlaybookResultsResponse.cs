namespace ChurnActors.Api.Contracts;

/// <summary>
/// A playbook's measured effect, per version: each version's treated episodes against its control episodes, as of
/// <see cref="AsOf"/>. The figures use the names of <c>churnactors uplift --json</c>.
/// </summary>
/// <param name="PlaybookId">The playbook.</param>
/// <param name="Name">Its current name.</param>
/// <param name="AsOf">The moment pending episodes were told from decided ones.</param>
/// <param name="Confidence">The confidence level of every interval (0.95).</param>
/// <param name="Versions">One entry per version reported, oldest first.</param>
public sealed record PlaybookResultsResponse(
    string PlaybookId, string Name, DateTimeOffset AsOf, double Confidence, IReadOnlyList<PlaybookVersionResultsResponse> Versions);
