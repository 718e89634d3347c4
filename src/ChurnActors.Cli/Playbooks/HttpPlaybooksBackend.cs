using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChurnActors.Api.Contracts;
using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Cli.Playbooks;

/// <summary>A running host's <c>/v1/admin/playbooks</c>, with an admin key.</summary>
internal sealed class HttpPlaybooksBackend : IPlaybooksBackend
{
    private readonly HttpClient _http;

    public HttpPlaybooksBackend(Uri baseUrl, string adminKey)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _http = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(adminKey + ":")));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("churnactors-cli", "1.0"));
    }

    public string Describe => _http.BaseAddress!.AbsoluteUri;

    public async Task<PlaybookApplyResponse> ApplyAsync(PlaybookDefinition definition, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await SendAsync<PlaybookApplyResponse>(HttpMethod.Put, Path(definition.Id), content, cancellationToken).ConfigureAwait(false);
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

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
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

    /// <summary>The refusal in words: the problem's detail, and for a refused definition every problem with its path.</summary>
    private static async Task<PlaybooksCommandException> RefusalAsync(
        HttpMethod method, string path, HttpResponseMessage response, CancellationToken cancellationToken)
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
