using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChurnActors.Api.Contracts;
using ChurnActors.Retention.Delivery;
using ChurnActors.Silo.Retention.Delivery;
using ChurnActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChurnActors.Api.Tests.Delivery;

/// <summary>
/// Webhook delivery through Hangfire on PostgreSQL to a real receiver: headers and signature, retries that honour
/// <c>Retry-After</c>, the dead-letter list, one delivery per idempotency key, and the admin-only dashboard.
/// </summary>
public sealed class WebhookDeliveryTests(DeliveryFixture fixture) : IClassFixture<DeliveryFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private WebhookReceiver Receiver => fixture.Receiver;

    [Fact]
    public async Task EnqueueAsync_DeliversOnceWithKeyAndVerifiableSignature_WhenTheEndpointAccepts()
    {
        var action = DeliveryFixture.Action("ok");

        Assert.Equal(EnqueueOutcome.Enqueued, await fixture.Delivery.EnqueueAsync(action, notBefore: null));
        await WaitForStatusAsync(action.IdempotencyKey, "delivered");

        var received = Assert.Single(Receiver.For(action.IdempotencyKey));
        Assert.Equal("1", received.Attempt);
        Assert.Equal("application/json; charset=utf-8", received.ContentType);

        // The receiver's side, as docs/retention.md shows it: HMAC-SHA256 of "<t>.<body>" with the shared secret.
        var parts = received.Signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var signed = Encoding.UTF8.GetBytes(parts["t"] + ".").Concat(received.Body).ToArray();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(DeliveryFixture.Secret), signed));
        Assert.Equal(expected, parts["v1"]);
        Assert.InRange(long.Parse(parts["t"], CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.True(WebhookSignature.Verify(DeliveryFixture.Secret, received.Signature, received.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("another-secret-of-some-length", received.Signature, received.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));

        using var body = JsonDocument.Parse(received.Body);
        var root = body.RootElement;
        Assert.Equal(action.IdempotencyKey, root.GetProperty("actionKey").GetString());
        Assert.Equal(action.Payload.CustomerId, root.GetProperty("customerId").GetString());
        Assert.Equal(3, root.GetProperty("playbookVersion").GetInt32());
        Assert.Equal("high", root.GetProperty("band").GetString());
        Assert.Equal(15m, root.GetProperty("offer").GetProperty("amount").GetDecimal());
        Assert.Equal("shoes", root.GetProperty("recommendations")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task DeliverAsync_RetriesAfterRetryAfter_WhenTheEndpointAnswers503()
    {
        var action = DeliveryFixture.Action("flaky");

        await fixture.Delivery.EnqueueAsync(action, notBefore: null);
        await WaitForStatusAsync(action.IdempotencyKey, "delivered");

        var attempts = Receiver.For(action.IdempotencyKey);
        Assert.Equal(["1", "2"], attempts.Select(a => a.Attempt));
        Assert.Equal(attempts[0].Body, attempts[1].Body);
        Assert.True(
            attempts[1].ReceivedAt - attempts[0].ReceivedAt >= TimeSpan.FromSeconds(WebhookReceiver.FlakyRetryAfterSeconds),
            $"The second attempt came {(attempts[1].ReceivedAt - attempts[0].ReceivedAt).TotalSeconds:F2} s after the first; Retry-After asked for {WebhookReceiver.FlakyRetryAfterSeconds} s.");
        Assert.Equal(2, await CountAttemptsAsync(action.IdempotencyKey));
    }

    [Fact]
    public async Task DeliverAsync_WaitsUntilTheRetryAfterDate_WhenTheEndpointAnswers429()
    {
        var action = DeliveryFixture.Action("busy");

        await fixture.Delivery.EnqueueAsync(action, notBefore: null);
        await WaitForStatusAsync(action.IdempotencyKey, "delivered");

        // The date is 3 s ahead in whole seconds: at least 2 s after the first attempt.
        var attempts = Receiver.For(action.IdempotencyKey);
        Assert.Equal(2, attempts.Count);
        Assert.True(
            attempts[1].ReceivedAt - attempts[0].ReceivedAt >= TimeSpan.FromSeconds(2),
            $"The second attempt came {(attempts[1].ReceivedAt - attempts[0].ReceivedAt).TotalSeconds:F2} s after the first, before the Retry-After date.");
    }

    [Fact]
    public async Task DeliverAsync_DeadLettersAfterTheLastAttempt_AndTheApiListsIt()
    {
        var action = DeliveryFixture.Action("down");

        await fixture.Delivery.EnqueueAsync(action, notBefore: null);
        await WaitForStatusAsync(action.IdempotencyKey, "dead");

        Assert.Equal(DeliveryFixture.MaxAttempts, Receiver.For(action.IdempotencyKey).Count);
        using var admin = EngineHost.CreateClient(fixture.Host.BaseAddress, DeliveryFixture.AdminKey);
        var list = await admin.GetFromJsonAsync<DeadLettersResponse>(new Uri("v1/admin/deliveries/dead-letters", UriKind.Relative));
        var letter = Assert.Single(list!.Items, l => l.IdempotencyKey == action.IdempotencyKey);
        Assert.Equal("down", letter.Endpoint);
        Assert.Equal(DeliveryFixture.MaxAttempts, letter.Attempts);
        Assert.Equal(500, letter.LastStatusCode);
        Assert.Equal(action.Payload.CustomerId, letter.Payload.GetProperty("customerId").GetString());
    }

    [Fact]
    public async Task DeliverAsync_DeadLettersAtOnce_WhenTheEndpointRefusesWith422()
    {
        var action = DeliveryFixture.Action("refused");

        await fixture.Delivery.EnqueueAsync(action, notBefore: null);
        await WaitForStatusAsync(action.IdempotencyKey, "dead");

        Assert.Single(Receiver.For(action.IdempotencyKey));
    }

    [Fact]
    public async Task EnqueueAsync_SendsOnePost_WhenTheSameActionIsEnqueuedTwiceAndItsJobRunsAgain()
    {
        var action = DeliveryFixture.Action("ok");

        var first = await fixture.Delivery.EnqueueAsync(action, notBefore: null);
        var second = await fixture.Delivery.EnqueueAsync(action with { Payload = action.Payload with { Score = 0.99 } }, notBefore: null);
        await WaitForStatusAsync(action.IdempotencyKey, "delivered");

        // Hangfire runs a job at least once: the first attempt's job running again after its success sends nothing.
        using (var scope = fixture.Host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<WebhookDeliveryJob>().DeliverAsync(action.IdempotencyKey, 1, CancellationToken.None);
        }

        Assert.Equal(EnqueueOutcome.Enqueued, first);
        Assert.Equal(EnqueueOutcome.AlreadyKnown, second);
        var received = Assert.Single(Receiver.For(action.IdempotencyKey));
        using var body = JsonDocument.Parse(received.Body);
        Assert.Equal(0.82, body.RootElement.GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task EnqueueAsync_DeliversEachKeyOnce_WhenManyCallersEnqueueTheSameActionsAtOnce()
    {
        var actions = Enumerable.Range(0, 40).Select(_ => DeliveryFixture.Action("ok")).ToList();

        var outcomes = await Task.WhenAll(actions.Concat(actions).Select(a => fixture.Delivery.EnqueueAsync(a, notBefore: null)));
        foreach (var action in actions)
        {
            await WaitForStatusAsync(action.IdempotencyKey, "delivered");
        }

        Assert.Equal(actions.Count, outcomes.Count(o => o == EnqueueOutcome.Enqueued));
        Assert.All(actions, a => Assert.Single(Receiver.For(a.IdempotencyKey)));
    }

    [Fact]
    public async Task EnqueueAsync_WaitsForNotBefore_WhenTheActionIsDelayed()
    {
        var action = DeliveryFixture.Action("ok");
        var notBefore = DateTimeOffset.UtcNow.AddSeconds(2);

        await fixture.Delivery.EnqueueAsync(action, notBefore);
        await WaitForStatusAsync(action.IdempotencyKey, "delivered");

        var deliveredAt = await ScalarAsync<DateTime>("SELECT last_attempt_at FROM webhook_deliveries WHERE idempotency_key = $1", action.IdempotencyKey);
        Assert.True(deliveredAt >= notBefore.UtcDateTime, $"Attempted at {deliveredAt:O}, before not-before {notBefore:O}.");
    }

    [Fact]
    public async Task EnqueueAsync_Throws_WhenTheEndpointIsNotConfigured()
    {
        var action = DeliveryFixture.Action("ok") with { Endpoint = "nowhere" };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Delivery.EnqueueAsync(action, notBefore: null));

        Assert.Contains("ChurnActors:Retention:Endpoints:nowhere:Url", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_RefusesRequests_WithoutTheAdminKey()
    {
        using var anonymous = EngineHost.CreateClient(fixture.Host.BaseAddress, key: null);
        using var admin = EngineHost.CreateClient(fixture.Host.BaseAddress, DeliveryFixture.AdminKey);
        var dashboard = new Uri("hangfire", UriKind.Relative);

        using var withoutKey = await anonymous.GetAsync(dashboard);
        using var withWriteKey = await fixture.Host.Client.GetAsync(dashboard);
        using var withAdminKey = await admin.GetAsync(dashboard);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Contains(withoutKey.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        Assert.Equal(HttpStatusCode.Forbidden, withWriteKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withAdminKey.StatusCode);
        Assert.Contains("ChurnActors delivery", await withAdminKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadLetters_Answers401_WithoutAKey()
    {
        using var anonymous = EngineHost.CreateClient(fixture.Host.BaseAddress, key: null);

        using var response = await anonymous.GetAsync(new Uri("v1/admin/deliveries/dead-letters", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DeadLetters_AnswersAProblem_WhenTheLimitIsOutOfRange()
    {
        using var admin = EngineHost.CreateClient(fixture.Host.BaseAddress, DeliveryFixture.AdminKey);

        using var response = await admin.GetAsync(new Uri("v1/admin/deliveries/dead-letters?limit=0", UriKind.Relative));

        var problem = await Json.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("limit must be between 1 and 1000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task WaitForStatusAsync(string key, string status)
    {
        string? last = null;
        await Eventually.WaitAsync(
            async () => (last = await ScalarAsync<string>("SELECT status FROM webhook_deliveries WHERE idempotency_key = $1", key)) == status,
            Wait,
            () => $"action {key} to be {status}; it is {last ?? "unknown"}, the receiver got {Receiver.For(key).Count} request(s)");
    }

    private async Task<long> CountAttemptsAsync(string key) =>
        await ScalarAsync<long>("SELECT count(*) FROM webhook_delivery_attempts WHERE idempotency_key = $1", key);

    private async Task<T?> ScalarAsync<T>(string sql, string key)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(key);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }
}
