using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChurnActors.Api.Contracts;
using ChurnActors.Storage.Audiences;

namespace ChurnActors.Cli.Audiences;

/// <summary>A running host's <c>/v1/admin/audiences</c>, with an admin key.</summary>
internal sealed class HttpAudiencesBackend : IAudiencesBackend
{
    private readonly HttpClient _http;

    public HttpAudiencesBackend(Uri baseUrl, string adminKey)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _http = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(adminKey + ":")));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("churnactors-cli", "1.0"));
    }

    public string Describe => _http.BaseAddress!.AbsoluteUri;

    public async Task<AudiencePreviewResponse> PreviewAsync(AudienceFilter filter, string filterJson, CancellationToken cancellationToken)
    {
        const string Path = "v1/admin/audiences/preview";
        using var content = new StringContent($"{{\"filter\":{filterJson}}}", Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsync(new Uri(Path, UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new AudiencesCommandException($"cannot reach the host at {Describe}: {ex.Message}", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await RefusalAsync(Path, response, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                return await response.Content.ReadFromJsonAsync<AudiencePreviewResponse>(JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false)
                    ?? throw new AudiencesCommandException($"POST /{Path} answered without a body.");
            }
            catch (JsonException ex)
            {
                throw new AudiencesCommandException($"The host's answer is not the JSON expected: {ex.Message}", ex);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The refusal in words: the problem's detail, and for a refused filter every problem with its path.</summary>
    private static async Task<AudiencesCommandException> RefusalAsync(string path, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var detail = body.Length > 500 ? body[..500] : body;
        var problems = new List<AudienceProblem>();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String)
            {
                detail = d.GetString()!;
            }

            if (response.StatusCode == HttpStatusCode.BadRequest && document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var error in errors.EnumerateObject())
                {
                    var messages = error.Value.ValueKind == JsonValueKind.Array ? error.Value.EnumerateArray().Select(m => m.GetString() ?? string.Empty) : [];
                    problems.AddRange(messages.Select(m => new AudienceProblem(error.Name, m)));
                }
            }
        }
        catch (JsonException)
        {
            // Not a problem document: show the body as it is.
        }

        var message = $"POST /{path} answered {(int)response.StatusCode}: {detail}";
        return problems.Count > 0 ? new AudiencesCommandException(message, problems) : new AudiencesCommandException(message);
    }
}
