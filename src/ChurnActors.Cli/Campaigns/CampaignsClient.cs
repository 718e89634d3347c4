using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChurnActors.Api.Contracts;
using ChurnActors.Cli.Playbooks;
using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Cli.Campaigns;

/// <summary>
/// A running host's <c>/v1/admin/campaigns</c>, with an admin key. A refusal is a <see cref="PlaybooksCommandException"/>
/// with the problem's detail, and for a refused definition every problem with its JSON path.
/// </summary>
internal sealed class CampaignsClient : IDisposable
{
    private readonly HttpClient _http;

    public CampaignsClient(Uri baseUrl, string adminKey)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _http = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(adminKey + ":")));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("churnactors-cli", "1.0"));
    }

    public string Describe => _http.BaseAddress!.AbsoluteUri;

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

    private async Task<T> SendAsync<T>(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        using var content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new PlaybooksCommandException($"cannot reach the host at {Describe}: {ex.Message}", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await RefusalAsync(method, path, response, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                return await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false)
                    ?? throw new PlaybooksCommandException($"{method} /{path} answered without a body.");
            }
            catch (JsonException ex)
            {
                throw new PlaybooksCommandException($"The host's answer is not the JSON expected: {ex.Message}", ex);
            }
        }
    }

    private static async Task<PlaybooksCommandException> RefusalAsync(HttpMethod method, string path, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var detail = body.Length > 500 ? body[..500] : body;
        var problems = new List<PlaybookProblem>();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String)
            {
                detail = d.GetString()!;
            }

            if (response.StatusCode == HttpStatusCode.BadRequest && document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                problems.AddRange(errors.EnumerateArray().Select(e => new PlaybookProblem(
                    e.TryGetProperty("path", out var p) ? p.GetString() ?? "?" : "?",
                    e.TryGetProperty("detail", out var m) ? m.GetString() ?? string.Empty : string.Empty)));
            }
        }
        catch (JsonException)
        {
            // Not a problem document: show the body as it is.
        }

        var message = $"{method} /{path} answered {(int)response.StatusCode}: {detail}";
        return problems.Count > 0 ? new PlaybooksCommandException(message, problems) : new PlaybooksCommandException(message);
    }
}
