using ChurnActors.Api.Contracts;
using ChurnActors.Cli.Http;
using ChurnActors.Cli.Playbooks;

namespace ChurnActors.Cli.Campaigns;

/// <summary>
/// A running host's <c>/v1/admin/campaigns</c>, with an admin key. A refusal is a <see cref="PlaybooksCommandException"/>
/// with the problem's detail, and for a refused definition every problem with its JSON path.
/// </summary>
internal sealed class CampaignsClient : IDisposable
{
    private readonly AdminHttpClient _http;

    public CampaignsClient(Uri baseUrl, string adminKey) => _http = new AdminHttpClient(baseUrl, adminKey);

    public string Describe => _http.Describe;

    public Task<CampaignResponse> CreateAsync(string json, CancellationToken cancellationToken) =>
        SendAsync<CampaignResponse>(HttpMethod.Post, "v1/admin/campaigns", json, cancellationToken);

    public Task<CampaignResponse> UpdateAsync(string id, string json, CancellationToken cancellationToken) =>
        SendAsync<CampaignResponse>(HttpMethod.Put, Path(id), json, cancellationToken);

    public Task<CampaignListResponse> ListAsync(CancellationToken cancellationToken) =>
        SendAsync<CampaignListResponse>(HttpMethod.Get, "v1/admin/campaigns", null, cancellationToken);

    public Task<CampaignResponse> ShowAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<CampaignResponse>(HttpMethod.Get, Path(id), null, cancellationToken);

    public Task<CampaignResponse> PauseAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<CampaignResponse>(HttpMethod.Post, Path(id) + "/pause", null, cancellationToken);

    public Task<CampaignResponse> ResumeAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<CampaignResponse>(HttpMethod.Post, Path(id) + "/resume", null, cancellationToken);

    public Task<CampaignRunResponse> RunAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<CampaignRunResponse>(HttpMethod.Post, Path(id) + "/run", null, cancellationToken);

    public Task<CampaignRunResponse> RunProgressAsync(string id, long runId, CancellationToken cancellationToken) =>
        SendAsync<CampaignRunResponse>(HttpMethod.Get, Path(id) + "/runs/" + runId.ToString(System.Globalization.CultureInfo.InvariantCulture), null, cancellationToken);

    public Task<CampaignResultsResponse> ResultsAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<CampaignResultsResponse>(HttpMethod.Get, Path(id) + "/results", null, cancellationToken);

    public void Dispose() => _http.Dispose();

    private static string Path(string id) => "v1/admin/campaigns/" + Uri.EscapeDataString(id);

    private Task<T> SendAsync<T>(HttpMethod method, string path, string? json, CancellationToken cancellationToken) =>
        _http.SendAsync<T>(method, path, json, cancellationToken);
}
