using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>POSTs one attempt of a webhook: the stored body, its idempotency key and signature, and classifies the answer.</summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider time)
{
    private const int ErrorBodyChars = 200;
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public async Task<SendResult> SendAsync(WebhookEndpoint endpoint, ClaimedDelivery delivery, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(delivery);
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.TryAddWithoutValidation(WebhookHeaders.IdempotencyKey, delivery.IdempotencyKey);
        request.Headers.TryAddWithoutValidation(WebhookHeaders.Attempt, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, WebhookSignature.Create(endpoint.Secret, time.GetUtcNow(), body));

        var client = clients.CreateClient(WebhookHeaders.HttpClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new SendResult(SendResultKind.Delivered, status, null, null);
            }

            var error = await DescribeAsync(response, cancellationToken).ConfigureAwait(false);
            var retry = response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || status >= 500;
            return new SendResult(retry ? SendResultKind.Retry : SendResultKind.Refused, status, error, RetryAfter(response));
        }
        catch (HttpRequestException ex)
        {
            return new SendResult(SendResultKind.Retry, null, $"No answer: {ex.Message}", null);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult(SendResultKind.Retry, null, $"No answer within the request timeout: {ex.Message}", null);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - time.GetUtcNow() : null;
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            text = "";
        }

        text = text.Length > ErrorBodyChars ? text[..ErrorBodyChars] + "..." : text;
        return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}{(text.Length > 0 ? ": " + text : "")}";
    }
}
