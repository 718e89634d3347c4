using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
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
        var body = await SendAsync(HttpMethod.Get, "v1/admin/models", cancellationToken).ConfigureAwait(false);
        return ModelRegistryJson.Deserialize<ModelListing>(body);
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
        var body = await SendAsync(HttpMethod.Post, path, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        var promotion = document.RootElement.GetProperty("promotion").Deserialize<PromotionRecord>(ModelRegistryJson.Options)
            ?? throw new ModelsCommandException("The host answered without the promotion it recorded.");
        return new PromotionOutcome(promotion, document.RootElement.TryGetProperty("push", out var push) ? push.Clone() : null);
    }

    private async Task<string> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
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

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return body;
            }

            throw new ModelsCommandException($"{method} /{path} answered {(int)response.StatusCode}: {ProblemDetail(body)}");
        }
    }

    private static string ProblemDetail(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty("detail", out var detail))
            {
                return detail.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 500 ? body[..500] : body;
    }
}
