using System.Text;
using System.Text.Json;
using ChurnActors.Api.Contracts;
using ChurnActors.Storage.Retention;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChurnActors.Cli.Tests;

/// <summary>
/// <c>churnactors suppressions ... --url</c> against a stand-in for the host's <c>/v1/admin/suppressions</c> on Kestrel
/// that answers as the host does (an in-memory store, the same response records, 403 for a wrong key).
/// </summary>
public sealed class SuppressionsThroughHostTests : IAsyncLifetime
{
    private const string AdminKey = "test-admin-key";

    private readonly InMemorySuppressionStore _store = new(TimeProvider.System);
    private readonly List<string?> _reasonsSent = [];
    private WebApplication _app = null!;
    private string _url = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(AdminKey + ":"));
            if (context.Request.Headers.Authorization != expected)
            {
                await TypedResults.Problem(detail: "Only admin keys may use /v1/admin.", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        _app.MapPut("/v1/admin/suppressions/{customerId}", async (string customerId, HttpRequest request) =>
        {
            customerId = customerId.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase); // as the host reads an escaped slash
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var reason = body.Length == 0 ? null : JsonSerializer.Deserialize<SuppressionRequest>(body, JsonSerializerOptions.Web)!.Reason;
            _reasonsSent.Add(reason);
            var added = await _store.AddAsync(customerId, SuppressionRules.ReasonOrDefault(reason), default);
            return added.Added
                ? Results.Created($"/v1/admin/suppressions/{customerId}", added.Entry.ToResponse())
                : Results.Ok(added.Entry.ToResponse());
        });
        _app.MapDelete("/v1/admin/suppressions/{customerId}", async (string customerId) => await _store.RemoveAsync(customerId, default)
            ? Results.NoContent()
            : Results.Problem(detail: $"Customer '{customerId}' is not on the suppression list.", statusCode: StatusCodes.Status404NotFound));
        _app.MapGet("/v1/admin/suppressions", async (int? limit, string? after) =>
            TypedResults.Ok((await _store.ListAsync(limit ?? 100, after, default)).ToResponse()));
        await _app.StartAsync();
        _url = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SuppressionsCommands_ActThroughTheHost_WithTheAdminKey()
    {
        var added = await CliRunner.RunAsync("suppressions", "add", "anon:d/1", "--reason", "gdpr request", "--url", _url, "--admin-key", AdminKey);
        var plain = await CliRunner.RunAsync("suppressions", "add", "bob", "--url", _url, "--admin-key", AdminKey);
        var listed = await CliRunner.RunAsync(new Dictionary<string, string> { ["CHURN_ADMIN_KEY"] = AdminKey }, "suppressions", "list", "--url", _url);
        var removed = await CliRunner.RunAsync("suppressions", "remove", "bob", "--url", _url, "--admin-key", AdminKey);

        Assert.Equal(0, added.ExitCode);
        Assert.Equal("customer anon:d/1 is on the suppression list (gdpr request); no playbook contacts it", added.Out.Trim());
        Assert.Equal(["gdpr request", null], _reasonsSent);
        Assert.Equal(0, plain.ExitCode);
        Assert.Contains("anon:d/1", listed.Out, StringComparison.Ordinal);
        Assert.Contains("2 customers", listed.Out, StringComparison.Ordinal);
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(["anon:d/1"], await _store.ReadKeysAsync(default));
    }

    [Fact]
    public async Task SuppressionsRemove_Exits1WithTheHostsDetail_WhenTheHostRefuses()
    {
        var wrongKey = await CliRunner.RunAsync("suppressions", "add", "eve", "--url", _url, "--admin-key", "not-the-key");
        var unknown = await CliRunner.RunAsync("suppressions", "remove", "nobody", "--url", _url, "--admin-key", AdminKey);

        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Contains("answered 403: Only admin keys may use /v1/admin.", wrongKey.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("answered 404: Customer 'nobody' is not on the suppression list.", unknown.Error, StringComparison.Ordinal);
        Assert.Empty(await _store.ReadKeysAsync(default));
    }
}
