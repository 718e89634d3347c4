using ChurnActors.Api.Contracts;
using ChurnActors.Cli.Http;
using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Cli.Playbooks;

/// <summary>A running host's <c>/v1/admin/playbooks</c>, with an admin key.</summary>
internal sealed class HttpPlaybooksBackend : IPlaybooksBackend
{
    private readonly AdminHttpClient _http;

    public HttpPlaybooksBackend(Uri baseUrl, string adminKey) => _http = new AdminHttpClient(baseUrl, adminKey);

    public string Describe => _http.Describe;

    public Task<PlaybookApplyResponse> ApplyAsync(PlaybookDefinition definition, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return SendAsync<PlaybookApplyResponse>(HttpMethod.Put, Path(definition.Id), json, cancellationToken);
    }

    public Task<PlaybookListResponse> ListAsync(CancellationToken cancellationToken) =>
        SendAsync<PlaybookListResponse>(HttpMethod.Get, "v1/admin/playbooks", null, cancellationToken);

    public Task<PlaybookResponse> ShowAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<PlaybookResponse>(HttpMethod.Get, Path(id), null, cancellationToken);

    public Task<PlaybookResultsResponse> ResultsAsync(string id, int? version, CancellationToken cancellationToken) =>
        SendAsync<PlaybookResultsResponse>(
            HttpMethod.Get,
            Path(id) + "/results" + (version is { } v ? "?version=" + v.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty),
            null,
            cancellationToken);

    public Task<PlaybookResponse> DisableAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<PlaybookResponse>(HttpMethod.Post, Path(id) + "/disable", null, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Path(string id) => "v1/admin/playbooks/" + Uri.EscapeDataString(id);

    private Task<T> SendAsync<T>(HttpMethod method, string path, string? json, CancellationToken cancellationToken) =>
        _http.SendAsync<T>(method, path, json, cancellationToken);
}
