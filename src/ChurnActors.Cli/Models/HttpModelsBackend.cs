using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChurnActors.LoadTools.Http;
using ChurnActors.Storage.Models;

namespace ChurnActors.Cli.Models;

/// <summary>A running host's <c>/v1/admin/models</c>, with an admin key; promotions and rollbacks push to every silo.</summary>
internal sealed class HttpModelsBackend : IModelsBackend
{
    private readonly HttpClient _http;

    public HttpModelsBackend(Uri baseUrl, string adminKey)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _http = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(adminKey + ":")));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("churnactors-cli", "1.0"));
    }

    public string Describe => _http.BaseAddress!.AbsoluteUri;

    public async Task<ModelListing> ListAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, "v1/admin/models", cancellationToken).ConfigureAwait(false);
        return await ReadAsync<ModelListing>(response, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelsCommandException("The host answered without the model listing.");
    }

    public Task<PromotionOutcome> PromoteAsync(long version, bool force, CancellationToken cancellationToken) =>
        ChangeAsync(
            $"v1/admin/models/{version.ToString(CultureInfo.InvariantCulture)}/promote" + (force ? "?force=true" : string.Empty),
            cancellationToken);

    public Task<PromotionOutcome> RollbackAsync(CancellationToken cancellationToken) => ChangeAsync("v1/admin/models/rollback", cancellationToken);

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<PromotionOutcome> ChangeAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, path, cancellationToken).ConfigureAwait(false);
        var answer = await ReadAsync<PromotionAnswer>(response, cancellationToken).ConfigureAwait(false);
        return answer?.Promotion is { } promotion
            ? new PromotionOutcome(promotion, answer.Push)
            : throw new ModelsCommandException("The host answered without the promotion it recorded.");
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ModelRegistryJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new ModelsCommandException($"The host's answer is not the JSON expected: {ex.Message}", ex);
        }
    }

    /// <summary>Sends the request; a successful response is returned (the caller disposes it), any other is thrown as a refusal.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ModelsCommandException($"cannot reach the host at {Describe}: {ex.Message}", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new ModelsCommandException($"{method} /{path} answered {(int)response.StatusCode}: {ProblemDetail(body)}");
        }
    }

    private static string ProblemDetail(string body)
    {
        try
        {
            if (JsonSerializer.Deserialize(body, WireJson.Default.ProblemAnswer) is { Detail: { } detail })
            {
                return detail;
            }
        }
        catch (JsonException)
        {
            // Not a problem document: show the body as it is.
        }

        return body.Length > 500 ? body[..500] : body;
    }
}
