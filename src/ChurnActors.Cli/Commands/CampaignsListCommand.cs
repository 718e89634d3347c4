using System.CommandLine;
using ChurnActors.Cli.Campaigns;
using ChurnActors.Cli.CommandLine;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors campaigns list</c>: every campaign.</summary>
internal sealed class CampaignsListCommand : CampaignsCommand
{
    public CampaignsListCommand(CliContext context)
        : base("list", "List the campaigns: state, schedule, next fire time, runs.", context)
    {
    }

    protected override async Task RunAsync(CampaignsClient client, ParseResult parseResult, bool json, CancellationToken cancellationToken) =>
        await CampaignsOutput.WriteListAsync(Context.Out, await client.ListAsync(cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false);
}
