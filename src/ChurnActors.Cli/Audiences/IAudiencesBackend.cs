using ChurnActors.Api.Contracts;
using ChurnActors.Storage.Audiences;

namespace ChurnActors.Cli.Audiences;

/// <summary>Where the <c>audiences</c> commands evaluate a filter: a host's admin API, or the projection in PostgreSQL.</summary>
internal interface IAudiencesBackend : IAsyncDisposable
{
    /// <summary>The host URL or database the backend talks to, for messages.</summary>
    string Describe { get; }

    /// <summary>The dry run of <paramref name="filter"/> (already checked), whose JSON text is <paramref name="filterJson"/>.</summary>
    /// <exception cref="AudiencesCommandException">The host refused the filter or failed.</exception>
    Task<AudiencePreviewResponse> PreviewAsync(AudienceFilter filter, string filterJson, CancellationToken cancellationToken);
}
