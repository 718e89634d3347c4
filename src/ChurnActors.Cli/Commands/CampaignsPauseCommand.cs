using System.CommandLine;
using ChurnActors.Cli.Campaigns;
using ChurnActors.Cli.CommandLine;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors campaigns pause</c>: pause a campaign: it stops firing (its recurring job is removed).</summary>
internal sealed class CampaignsPauseCommand : CampaignsCommand
{
    private readonly Argument<string> _id = CampaignArguments.Id();

    public CampaignsPauseCommand(CliContext context)
        : base("pause", "Pause a campaign: it stops firing (its recurring job is removed).", context) => Arguments.Add(_id);

    protected override async Task RunAsync(CampaignsClient client, ParseResult parseResult, bool json, CancellationToken cancellationToken) =>
        await CampaignsOutput.WriteCampaignAsync(Context.Out, await client.PauseAsync(parseResult.GetValue(_id)!, cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false);
}
