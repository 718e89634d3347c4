using ChurnActors.Api.Contracts;
using ChurnActors.Storage.Retention;
using Npgsql;

namespace ChurnActors.Cli.Suppressions;

/// <summary>
/// The suppression list straight in PostgreSQL, checked by the same rules as the admin API. Running hosts see a change
/// within their refresh interval (<c>ChurnActors:Retention:SuppressionList:RefreshInterval</c>, default 5 s).
/// </summary>
internal sealed class DatabaseSuppressionsBackend(string connectionString, string description) : ISuppressionsBackend
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public string Describe => description;

    private PostgresSuppressionStore Store => new(_dataSource, TimeProvider.System);

    public async Task<(bool Added, SuppressionResponse Entry)> AddAsync(string customerId, string? reason, CancellationToken cancellationToken)
    {
        if ((SuppressionRules.CustomerKeyProblem(customerId) ?? SuppressionRules.ReasonProblem(reason)) is { } problem)
        {
            throw new SuppressionsCommandException(problem);
        }

        var added = await Store.AddAsync(customerId, SuppressionRules.ReasonOrDefault(reason), cancellationToken).ConfigureAwait(false);
        return (added.Added, added.Entry.ToResponse());
    }

    public async Task RemoveAsync(string customerId, CancellationToken cancellationToken)
    {
        if (!await Store.RemoveAsync(customerId, cancellationToken).ConfigureAwait(false))
        {
            throw new SuppressionsCommandException($"customer '{customerId}' is not on the suppression list ('churnactors suppressions list' shows who is)");
        }
    }

    public async Task<SuppressionListResponse> ListAsync(int limit, string? after, CancellationToken cancellationToken) =>
        (await Store.ListAsync(limit, after, cancellationToken).ConfigureAwait(false)).ToResponse();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
