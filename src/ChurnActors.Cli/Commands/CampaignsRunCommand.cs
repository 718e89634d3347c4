using System.CommandLine;
using ChurnActors.Cli.Campaigns;
using ChurnActors.Cli.CommandLine;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors campaigns run</c>: starts a run now and, with --wait, follows its progress.</summary>
internal sealed class CampaignsRunCommand : CampaignsCommand
{
    private readonly Argument<string> _id = CampaignArguments.Id();

    private readonly Option<bool> _wait = CliOptions.Flag("--wait", "Follow the run's progress until it is finished, waiting (quiet hours), paused or failed.");

    public CampaignsRunCommand(CliContext context)
        : base("run", "Start a run of a campaign now, whatever its schedule.", context)
    {
        Arguments.Add(_id);
        Options.Add(_wait);
    }

    protected override async Task RunAsync(CampaignsClient client, ParseResult parseResult, bool json, CancellationToken cancellationToken)
    {
        var id = parseResult.GetValue(_id)!;
        var run = await client.RunAsync(id, cancellationToken).ConfigureAwait(false);
        while (parseResult.GetValue(_wait) && run.Status is "queued" or "running")
        {
            if (!json)
            {
                await CampaignsOutput.WriteRunAsync(Context.Error, run, json: false).ConfigureAwait(false);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            run = await client.RunProgressAsync(id, run.RunId, cancellationToken).ConfigureAwait(false);
        }

        await CampaignsOutput.WriteRunAsync(Context.Out, run, json).ConfigureAwait(false);
    }
}
