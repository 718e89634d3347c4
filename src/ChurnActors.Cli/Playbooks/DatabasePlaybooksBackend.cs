using ChurnActors.Api.Contracts;
using ChurnActors.Retention.Playbooks;
using ChurnActors.Storage.Retention;
using Npgsql;

namespace ChurnActors.Cli.Playbooks;

/// <summary>The playbook tables straight in PostgreSQL; a running host reads them as they change.</summary>
internal sealed class DatabasePlaybooksBackend(string connectionString, string description) : IPlaybooksBackend
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public string Describe => description;

    private PostgresPlaybookStore Store => new(_dataSource, TimeProvider.System);

    public async Task<PlaybookApplyResponse> ApplyAsync(PlaybookDefinition definition, string json, CancellationToken cancellationToken) =>
        (await Store.ApplyAsync(definition, cancellationToken).ConfigureAwait(false)).ToResponse();

    public async Task<PlaybookListResponse> ListAsync(CancellationToken cancellationToken) =>
        (await Store.ListAsync(cancellationToken).ConfigureAwait(false)).ToListResponse();

    public async Task<PlaybookResponse> ShowAsync(string id, CancellationToken cancellationToken) =>
        (await Store.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id)).ToResponse();

    public async Task<PlaybookResultsResponse> ResultsAsync(string id, int? version, CancellationToken cancellationToken)
    {
        var playbook = await Store.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        var versions = version is { } only ? [.. playbook.Versions.Where(v => v.Version == only)] : playbook.Versions;
        if (versions.Count == 0)
        {
            throw new PlaybooksCommandException($"playbook '{id}' has no version {version}; its versions are 1 to {playbook.CurrentVersion}");
        }

        return await PlaybookResults.ReadAsync(new PostgresEpisodeStore(_dataSource), playbook, versions, version, TimeProvider.System.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<PlaybookResponse> DisableAsync(string id, CancellationToken cancellationToken) =>
        (await Store.DisableAsync(id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id)).ToResponse();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static PlaybooksCommandException NotFound(string id) =>
        new($"there is no playbook '{id}' ('churnactors playbooks list' shows them)");
}
