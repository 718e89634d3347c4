using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChurnActors.Cli.Playbooks;
using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Cli.Http;

/// <summary>
/// A running host's admin API, with an admin key (HTTP Basic, the key as user name). A refusal is a
/// <see cref="PlaybooksCommandException"/> with the problem's detail, and for a refused definition every problem with
/// its JSON path; a host that cannot be reached says so with its address.
/// </summary>
internal sealed class AdminHttpClient : IDisposable
{
    private readonly HttpClient _http;

    public AdminHttpClient(Uri baseUrl, string adminKey)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _http = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(adminKey + ":")));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("churnactors-cli", "1.0"));
    }

    /// <summary>The host's address.</summary>
    public string Describe => _http.BaseAddress!.AbsoluteUri;

    /// <summary>Sends <paramref name="json"/> (or no body) to <paramref name="path"/> and reads the answer as <typeparamref name="T"/>.</summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
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

    public void Dispose() => _http.Dispose();

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
