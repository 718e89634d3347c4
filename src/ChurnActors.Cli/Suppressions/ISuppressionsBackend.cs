using ChurnActors.Api.Contracts;

namespace ChurnActors.Cli.Suppressions;

/// <summary>Where the <c>suppressions</c> commands act: a running host's admin API, or the table in the database.</summary>
internal interface ISuppressionsBackend : IAsyncDisposable
{
    /// <summary>Where, in words (no secrets).</summary>
    string Describe { get; }

    /// <summary>Puts the customer on the list; <c>Added</c> is false when it was on it (the reason is replaced).</summary>
    /// <exception cref="SuppressionsCommandException">The id or reason was refused, or the request failed.</exception>
    Task<(bool Added, SuppressionResponse Entry)> AddAsync(string customerId, string? reason, CancellationToken cancellationToken);

    /// <exception cref="SuppressionsCommandException">The customer is not on the list, or the request failed.</exception>
    Task RemoveAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>One page of the list, after <paramref name="after"/> (from the first when null).</summary>
    Task<SuppressionListResponse> ListAsync(int limit, string? after, CancellationToken cancellationToken);
}
