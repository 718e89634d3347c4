using ChurnActors.Api.Contracts;
using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Cli.Playbooks;

/// <summary>Where the <c>playbooks</c> commands act: a running host's admin API, or the tables in the database.</summary>
internal interface IPlaybooksBackend : IAsyncDisposable
{
    /// <summary>Where, in words (no secrets).</summary>
    string Describe { get; }

    /// <summary>Applies a checked definition; <paramref name="json"/> is the file's text, sent as it is to a host.</summary>
    Task<PlaybookApplyResponse> ApplyAsync(PlaybookDefinition definition, string json, CancellationToken cancellationToken);

    Task<PlaybookListResponse> ListAsync(CancellationToken cancellationToken);

    /// <exception cref="PlaybooksCommandException">There is no such playbook.</exception>
    Task<PlaybookResponse> ShowAsync(string id, CancellationToken cancellationToken);

    /// <summary>The playbook's results per version (every version, or <paramref name="version"/> alone).</summary>
    /// <exception cref="PlaybooksCommandException">There is no such playbook or version.</exception>
    Task<PlaybookResultsResponse> ResultsAsync(string id, int? version, CancellationToken cancellationToken);

    /// <exception cref="PlaybooksCommandException">There is no such playbook.</exception>
    Task<PlaybookResponse> DisableAsync(string id, CancellationToken cancellationToken);
}
