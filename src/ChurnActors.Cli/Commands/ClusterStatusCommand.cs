using System.CommandLine;
using ChurnActors.Cli.Cluster;
using ChurnActors.Cli.CommandLine;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors cluster status</c>: the Orleans cluster's members, their status and activations.</summary>
internal sealed class ClusterStatusCommand : CliCommand
{
    private const string TargetDetails =
        "Asks one host's admin API (--url, with --admin-key or the CHURN_ADMIN_KEY environment variable) for the cluster as " +
        "that silo sees it: every member of the membership table (dead ones until their rows expire) with its node name, " +
        "status, address, gateway port, activations, start and latest heartbeat. Exit codes: 0 done, 1 the host failed " +
        "or refused, 2 a wrong command line.";

    private readonly Option<Uri?> _url = HostOptions.Url();

    private readonly Option<string?> _adminKey = HostOptions.AdminKey();

    private readonly Option<bool> _json = CliOptions.Flag("--json", "Write the API's JSON instead of a table.");

    public ClusterStatusCommand(CliContext context)
        : base("status", "List the cluster's members: node, status, address, activations.", context, TargetDetails)
    {
        Options.Add(_url);
        Options.Add(_adminKey);
        Options.Add(_json);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var key = HostOptions.ResolveAdminKey(parseResult.GetValue(_adminKey), Context)
            ?? throw new UsageException($"no admin key: pass --admin-key KEY or set the {HostOptions.AdminKeyEnvironmentVariable} environment variable");
        using var client = new ClusterClient(parseResult.GetValue(_url)!, key);
        try
        {
            var cluster = await client.StatusAsync(cancellationToken).ConfigureAwait(false);
            await ClusterOutput.WriteStatusAsync(Context.Out, cluster, parseResult.GetValue(_json)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (ClusterCommandException ex)
        {
            await Context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
