using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChurnActors.Api.Contracts;

namespace ChurnActors.Cli.Cluster;

/// <summary>A running host's <c>GET /v1/admin/cluster</c>, with an admin key.</summary>
internal sealed class ClusterClient : IDisposable
{
    private const string Path = "v1/admin/cluster";

    private readonly HttpClient _http;

    public ClusterClient(Uri baseUrl, string adminKey)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _http = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(adminKey + ":")));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("churnactors-cli", "1.0"));
    }

    /// <summary>The cluster as the host sees it.</summary>
    /// <exception cref="ClusterCommandException">The host cannot be reached, refused, or answered something else.</exception>
    public async Task<ClusterResponse> StatusAsync(CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(new Uri(Path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ClusterCommandException($"cannot reach the host at {_http.BaseAddress}: {ex.Message}", ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new ClusterCommandException($"GET /{Path} answered {(int)response.StatusCode}: {Detail(body)}");
            }

            try
            {
                return JsonSerializer.Deserialize<ClusterResponse>(body, JsonSerializerOptions.Web)
                    ?? throw new ClusterCommandException($"GET /{Path} answered without a body.");
            }
            catch (JsonException ex)
            {
                throw new ClusterCommandException($"The host's answer is not the JSON expected: {ex.Message}", ex);
            }
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The problem document's detail, else the start of the body.</summary>
    private static string Detail(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
            {
                return detail.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not a problem document: show the body as it is.
        }

        return body.Length > 500 ? body[..500] : body;
    }
}
