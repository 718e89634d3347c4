using System.CommandLine;
using ChurnActors.Cli.Campaigns;
using ChurnActors.Cli.CommandLine;
using ChurnActors.LoadTools.Bench;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors bench campaign</c>: a campaign run over N customers of the projection, to a local receiver.</summary>
internal sealed class BenchCampaignCommand : CliCommand
{
    private readonly Option<Uri?> _url = HostOptions.Url();

    private readonly Option<string?> _adminKey = HostOptions.AdminKey();

    private readonly Option<string?> _connection = DatabaseTarget.Connection();

    private readonly Option<int?> _customers = CliOptions.Int("--customers", "N", "Customers written to customer_scores and in the campaign's audience (default 100000).", 1, 10_000_000);

    private readonly Option<string?> _endpoint = CliOptions.Text(
        "--endpoint", "NAME", $"The host's webhook endpoint the campaign delivers to (default {BenchPlaybooks.DefaultEndpoint}).");

    private readonly Option<int?> _receiverPort = CliOptions.Int(
        "--receiver-port", "PORT", $"The port of the local webhook receiver the bench serves, answering 200 (default {IngestBenchmarkSettings.DefaultReceiverPort}).", 0, 65535);

    public BenchCampaignCommand(CliContext context)
        : base(
            "campaign",
            "Time a campaign run: fill customer_scores, create a campaign scheduled now, follow its progress, time every delivery.",
            context,
            "Writes N scored customers of the top category 'bench-campaign' into customer_scores (binary COPY, replacing the " +
            "bench's earlier rows), serves a webhook receiver on 127.0.0.1:--receiver-port, creates a campaign over them with a 10% " +
            "holdout through the admin API, prints the run's progress every second and reports the time to the snapshot, to every " +
            "member decided and to every sent webhook received. Start the host with ChurnActors:Retention:Endpoints:<endpoint>:Url " +
            "pointing at the receiver and quiet hours off (ChurnActors:Retention:Policy:QuietHoursStart = QuietHoursEnd).")
    {
        Options.Add(_url);
        Options.Add(_adminKey);
        Options.Add(_connection);
        Options.Add(_customers);
        Options.Add(_endpoint);
        Options.Add(_receiverPort);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var key = HostOptions.ResolveAdminKey(parseResult.GetValue(_adminKey), Context)
            ?? throw new UsageException($"no admin key: pass --admin-key KEY or set the {HostOptions.AdminKeyEnvironmentVariable} environment variable");
        var connectionString = DatabaseTarget.ResolveConnectionString(parseResult.GetValue(_connection), Context);
        using var client = new CampaignsClient(parseResult.GetValue(_url)!, key);
        var ok = await CampaignBenchmark.RunAsync(
            client,
            connectionString,
            parseResult.GetValue(_customers) ?? 100_000,
            parseResult.GetValue(_endpoint) ?? BenchPlaybooks.DefaultEndpoint,
            parseResult.GetValue(_receiverPort) ?? IngestBenchmarkSettings.DefaultReceiverPort,
            Context.Out,
            Context.Error,
            cancellationToken).ConfigureAwait(false);
        return ok ? ExitCodes.Success : ExitCodes.Failure;
    }
}
