using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChurnActors.Api.Contracts;
using Polly;
using Polly.Retry;

namespace ChurnActors.LoadTools.Http;

/// <summary>
/// Talks to the ChurnActors host's HTTP API with Basic auth (key as user name, empty password) over one
/// pooled <see cref="SocketsHttpHandler"/>. Retries 503 and 429 with backoff that honours <c>Retry-After</c>;
/// every other non-200 is returned as an error carrying the response body (RFC 7807 problem details).
/// </summary>
public sealed class ChurnApiClient : IDisposable
{
    /// <summary>Retries of one batch on 503/429 before it counts as an error.</summary>
    public const int MaxRetries = 20;

    private const int MaxErrorBodyChars = 2000;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly ResiliencePropertyKey<int> RetriesKey = new("churnactors.retries");

    /// <summary>
    /// Retries a batch the host answered 503 or 429, waiting as its Retry-After says (see <see cref="RetryDelay"/>).
    /// Polly.Core's pooled contexts keep the bench sender's hot path free of per-request allocations beyond the request.
    /// </summary>
    private static readonly ResiliencePipeline<HttpResponseMessage> BatchRetry = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = MaxRetries,
            ShouldHandle = static args => ValueTask.FromResult(
                args.Outcome.Result?.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests),
            DelayGenerator = static args => ValueTask.FromResult<TimeSpan?>(
                RetryDelay(args.Outcome.Result?.Headers.RetryAfter, args.AttemptNumber, DateTimeOffset.UtcNow)),
            OnRetry = static args =>
            {
                args.Context.Properties.Set(RetriesKey, args.AttemptNumber + 1);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue _writeAuthorization;
    private readonly AuthenticationHeaderValue _readAuthorization;
    private readonly AuthenticationHeaderValue? _adminAuthorization;

    /// <param name="readKey">Key for <c>GET /v1/users</c>; the write key when null.</param>
    /// <param name="adminKey">Key for the admin API (<c>/v1/admin/...</c>); none when null.</param>
    public ChurnApiClient(Uri baseUrl, string writeKey, int maxConnections, string? readKey = null, TimeSpan? requestTimeout = null, string? adminKey = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrEmpty(writeKey);
        _writeAuthorization = Basic(writeKey);
        _readAuthorization = string.IsNullOrEmpty(readKey) ? _writeAuthorization : Basic(readKey);
        _adminAuthorization = string.IsNullOrEmpty(adminKey) ? null : Basic(adminKey);

        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, maxConnections),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = root,
            Timeout = requestTimeout ?? TimeSpan.FromSeconds(30),
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("churnactors-cli", "1.0"));
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>Returns null when the host answers at all (any status), else why it could not be reached.</summary>
    public async Task<string?> CheckReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("health", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (HttpRequestException ex)
        {
            return $"cannot reach {BaseAddress}: {Describe(ex)}";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"cannot reach {BaseAddress}: no answer within {_http.Timeout.TotalSeconds:0} s";
        }
    }

    /// <summary>
    /// Polls <c>GET /health</c> until the host reports no committed event waiting for its grain (dispatch backlog 0
    /// and no customer waiting for catch-up). Returns the Stopwatch timestamp of the first such answer, or null when the
    /// timeout passed first or the host does not report its backlog. With <paramref name="untilPersisted"/>, also waits
    /// until no customer has events its persisted state does not reflect yet (<c>pendingCustomers</c> 0): the host has
    /// written behind everything it was sent.
    /// </summary>
    public async Task<long?> WaitForDrainAsync(TimeSpan timeout, TimeSpan poll, CancellationToken cancellationToken, bool untilPersisted = false)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.GetAsync(new Uri("health", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                return null; // the verification that follows reports what became of the host
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null; // no answer within the client's timeout: the same
            }

            using var answered = response;
            var at = Stopwatch.GetTimestamp();
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            switch (await ReadDeliveryBacklogAsync(response.Content, untilPersisted, cancellationToken).ConfigureAwait(false))
            {
                case null:
                    return null; // a host that does not report its backlog
                case 0:
                    return at;
            }

            await Task.Delay(poll, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>
    /// Committed events and customers still waiting for their grains (and, with <paramref name="untilPersisted"/>,
    /// customers with unpersisted state), from a <c>/health</c> answer; null if it does not report them.
    /// </summary>
    private static async Task<long?> ReadDeliveryBacklogAsync(HttpContent content, bool untilPersisted, CancellationToken cancellationToken)
    {
        HealthResponse? health;
        try
        {
            health = await content.ReadFromJsonAsync(WireJson.Default.HealthResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }

        if (health is null)
        {
            return null;
        }

        var waiting = health.DispatchBacklog + health.CatchingUp;
        return untilPersisted ? waiting + health.PendingCustomers : waiting;
    }

    /// <summary>POSTs a pre-serialized <c>/v1/batch</c> body, retrying 503/429.</summary>
    public async Task<BatchPostResult> PostBatchAsync(byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            HttpResponseMessage response;
            try
            {
                response = await BatchRetry.ExecuteAsync(
                    static async (context, state) =>
                    {
                        using var content = new ByteArrayContent(state.Body);
                        content.Headers.ContentType = Json;
                        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("v1/batch", UriKind.Relative)) { Content = content };
                        request.Headers.Authorization = state.Client._writeAuthorization;
                        return await state.Client._http.SendAsync(request, context.CancellationToken).ConfigureAwait(false);
                    },
                    context,
                    (Client: this, Body: body)).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                return new BatchPostResult(false, Retries(context), 0, 0, $"POST /v1/batch failed: {Describe(ex)}");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new BatchPostResult(false, Retries(context), 0, 0, $"POST /v1/batch got no answer within {_http.Timeout.TotalSeconds:0} s");
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var acknowledgement = await ReadAcknowledgementAsync(response.Content, cancellationToken).ConfigureAwait(false);
                    return new BatchPostResult(true, Retries(context), acknowledgement?.Accepted ?? -1, acknowledgement?.Duplicates ?? -1, null);
                }

                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                return new BatchPostResult(false, Retries(context), 0, 0, $"POST /v1/batch answered {Status(response)}: {Truncate(text)}");
            }
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        static int Retries(ResilienceContext context) => context.Properties.GetValue(RetriesKey, 0);
    }

    public async Task<UserLookup> GetUserAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("v1/users/" + Uri.EscapeDataString(userId), UriKind.Relative));
            request.Headers.Authorization = _readAuthorization;
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    return await ReadUserAsync(userId, response.Content, cancellationToken).ConfigureAwait(false);
                case HttpStatusCode.NotFound:
                    return UserLookup.NotFound;
                case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                    return new UserLookup(
                        UserLookupStatus.Rejected,
                        null,
                        $"GET /v1/users answered {Status(response)}: {Truncate(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))}");
                default:
                    return new UserLookup(
                        UserLookupStatus.Failed,
                        null,
                        $"GET /v1/users answered {Status(response)}: {Truncate(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))}");
            }
        }
        catch (HttpRequestException ex)
        {
            return new UserLookup(UserLookupStatus.Failed, null, $"GET /v1/users failed: {Describe(ex)}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new UserLookup(UserLookupStatus.Failed, null, $"GET /v1/users got no answer within {_http.Timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>
    /// Calls the host's admin API (<c>/v1/admin/...</c>, admin key) and reads its answer as <typeparamref name="T"/>; any
    /// failure throws a <see cref="HostCallException"/> that says what went wrong.
    /// </summary>
    public Task<T> AdminAsync<T>(HttpMethod method, string relative, JsonTypeInfo<T> answer, CancellationToken cancellationToken) =>
        AdminAsync(method, relative, body: null, answer, cancellationToken);

    /// <summary>
    /// Calls the admin API with a JSON <paramref name="body"/> (none when null), as
    /// <see cref="AdminAsync{T}(HttpMethod, string, JsonTypeInfo{T}, CancellationToken)"/>; 200 and 201 are answers.
    /// </summary>
    public async Task<T> AdminAsync<T>(HttpMethod method, string relative, byte[]? body, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(relative);
        ArgumentNullException.ThrowIfNull(answer);
        var what = $"{method} /{relative}";
        if (_adminAuthorization is null)
        {
            throw new HostCallException($"{what} needs an admin key: pass --admin-key K or set CHURN_ADMIN_KEY (the host's ChurnActors:Admin:Keys)");
        }

        try
        {
            using var request = new HttpRequestMessage(method, new Uri(relative, UriKind.Relative));
            request.Headers.Authorization = _adminAuthorization;
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = Json;
            }

            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new HostCallException($"{what} answered 404: the host has no admin API, or its benchmark endpoints are off (ChurnActors:Admin:BenchmarkEndpoints)");
            }

            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            {
                throw new HostCallException(
                    $"{what} answered {Status(response)}: {Truncate(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))}");
            }

            return await response.Content.ReadFromJsonAsync(answer, cancellationToken).ConfigureAwait(false)
                ?? throw new HostCallException($"{what} answered null instead of a {typeof(T).Name}");
        }
        catch (HttpRequestException ex)
        {
            throw new HostCallException($"{what} failed: {Describe(ex)}", ex);
        }
        catch (JsonException ex)
        {
            throw new HostCallException($"{what} answered JSON that is not a {typeof(T).Name}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HostCallException($"{what} got no answer within {_http.Timeout.TotalSeconds:0} s", ex);
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// How long to wait before retry number <paramref name="attempt"/> + 1: the server's Retry-After when given
    /// (capped at 30 s), else exponential backoff from 100 ms (capped at 5 s) with ±20 % jitter.
    /// </summary>
    public static TimeSpan RetryDelay(RetryConditionHeaderValue? retryAfter, int attempt, DateTimeOffset now)
    {
        TimeSpan delay;
        if (retryAfter?.Delta is { } delta)
        {
            delay = delta;
        }
        else if (retryAfter?.Date is { } date)
        {
            delay = date - now;
        }
        else
        {
            var backoff = Math.Min(5000, 100 * Math.Pow(2, Math.Min(attempt, 10)));
            delay = TimeSpan.FromMilliseconds(backoff * (0.8 + (0.4 * Random.Shared.NextDouble())));
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }

    private static AuthenticationHeaderValue Basic(string key) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));

    private static async Task<UserLookup> ReadUserAsync(string userId, HttpContent content, CancellationToken cancellationToken)
    {
        CustomerResponse? user;
        try
        {
            user = await content.ReadFromJsonAsync(WireJson.Default.CustomerResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return new UserLookup(UserLookupStatus.Failed, null, $"GET /v1/users/{userId}: unreadable JSON ({ex.Message})");
        }

        if (user is null)
        {
            return new UserLookup(UserLookupStatus.Failed, null, $"GET /v1/users/{userId}: the answer is null");
        }

        return new UserLookup(
            UserLookupStatus.Found,
            new UserState(userId, user.EventsApplied, user.Orders, user.Revenue, user.FirstSeen, user.LastSeen, user.Score, user.Episodes),
            null);
    }

    /// <summary>The counts of an accepted batch; null when the body does not give them.</summary>
    private static async Task<IngestResponse?> ReadAcknowledgementAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            return await content.ReadFromJsonAsync(WireJson.Default.IngestResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Status(HttpResponseMessage response) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)response.StatusCode} {response.ReasonPhrase}");

    private static string Describe(HttpRequestException exception) =>
        exception.InnerException is { } inner && inner.Message != exception.Message
            ? $"{exception.Message} ({inner.Message})"
            : exception.Message;

    private static string Truncate(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return "(empty body)";
        }

        return trimmed.Length <= MaxErrorBodyChars ? trimmed : trimmed[..MaxErrorBodyChars] + "…";
    }
}
