using System.CommandLine;
using ChurnActors.Cli.Campaigns;
using ChurnActors.Cli.CommandLine;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors campaigns resume</c>: resume a paused campaign: its recurring job is registered again.</summary>
internal sealed class CampaignsResumeCommand : CampaignsCommand
{
    private readonly Argument<string> _id = CampaignArguments.Id();

    public CampaignsResumeCommand(CliContext context)
        : base("resume", "Resume a paused campaign: its recurring job is registered again.", context) => Arguments.Add(_id);

    protected override async Task RunAsync(CampaignsClient client, ParseResult parseResult, bool json, CancellationToken cancellationToken) =>
        await CampaignsOutput.WriteCampaignAsync(Context.Out, await client.ResumeAsync(parseResult.GetValue(_id)!, cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false);
}
