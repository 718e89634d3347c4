using System.CommandLine;
using ChurnActors.Cli.Campaigns;
using ChurnActors.Cli.CommandLine;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors campaigns show</c>: show a campaign: schedule, recurring job, next fire times and latest runs.</summary>
internal sealed class CampaignsShowCommand : CampaignsCommand
{
    private readonly Argument<string> _id = CampaignArguments.Id();

    public CampaignsShowCommand(CliContext context)
        : base("show", "Show a campaign: schedule, recurring job, next fire times and latest runs.", context) => Arguments.Add(_id);

    protected override async Task RunAsync(CampaignsClient client, ParseResult parseResult, bool json, CancellationToken cancellationToken) =>
        await CampaignsOutput.WriteCampaignAsync(Context.Out, await client.ShowAsync(parseResult.GetValue(_id)!, cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false);
}
