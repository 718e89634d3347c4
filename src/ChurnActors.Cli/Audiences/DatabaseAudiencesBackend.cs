using ChurnActors.Api.Contracts;
using ChurnActors.Storage.Audiences;
using Npgsql;

namespace ChurnActors.Cli.Audiences;

/// <summary>The score projection straight in PostgreSQL.</summary>
internal sealed class DatabaseAudiencesBackend(string connectionString, string description) : IAudiencesBackend
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public string Describe => description;

    public Task<AudiencePreviewResponse> PreviewAsync(AudienceFilter filter, string filterJson, CancellationToken cancellationToken) =>
        new AudienceStore(_dataSource, TimeProvider.System).PreviewAsync(filter, cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
