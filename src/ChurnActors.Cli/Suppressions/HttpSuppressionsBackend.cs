using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChurnActors.Api.Contracts;

namespace ChurnActors.Cli.Suppressions;

/// <summary>A running host's <c>/v1/admin/suppressions</c>, with an admin key: the host's own silo sees a change at once.</summary>
internal sealed class HttpSuppressionsBackend : ISuppressionsBackend
{
    private readonly HttpClient _http;

    public HttpSuppressionsBackend(Uri baseUrl, string adminKey)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _http = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(adminKey + ":")));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("churnactors-cli", "1.0"));
    }

    public string Describe => _http.BaseAddress!.AbsoluteUri;

    public async Task<(bool Added, SuppressionResponse Entry)> AddAsync(string customerId, string? reason, CancellationToken cancellationToken)
    {
        using var content = reason is null ? null : JsonContent.Create(new SuppressionRequest { Reason = reason }, options: JsonSerializerOptions.Web);
        using var response = await SendAsync(HttpMethod.Put, Path(customerId), content, cancellationToken).ConfigureAwait(false);
        return (response.StatusCode == HttpStatusCode.Created, await ReadAsync<SuppressionResponse>(response, cancellationToken).ConfigureAwait(false));
    }

    public async Task RemoveAsync(string customerId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, Path(customerId), null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SuppressionListResponse> ListAsync(int limit, string? after, CancellationToken cancellationToken)
    {
        var path = "v1/admin/suppressions?limit=" + limit.ToString(CultureInfo.InvariantCulture)
            + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after));
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<SuppressionListResponse>(response, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Path(string customerId) => "v1/admin/suppressions/" + Uri.EscapeDataString(customerId);

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false)
                ?? throw new SuppressionsCommandException("The host answered without a body.");
        }
        catch (JsonException ex)
        {
            throw new SuppressionsCommandException($"The host's answer is not the JSON expected: {ex.Message}", ex);
        }
    }

    /// <summary>The response when it is a success; otherwise the refusal in words (the problem's detail).</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new SuppressionsCommandException($"cannot reach the host at {Describe}: {ex.Message}", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var detail = body.Length > 500 ? body[..500] : body;
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String)
                {
                    detail = d.GetString()!;
                }
            }
            catch (JsonException)
            {
                // Not a problem document: show the body as it is.
            }

            throw new SuppressionsCommandException($"{method} /{path} answered {(int)response.StatusCode}: {detail}");
        }
    }
}
