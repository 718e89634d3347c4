using System.CommandLine;
using ChurnActors.Cli.Campaigns;
using ChurnActors.Cli.CommandLine;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors campaigns results</c>: a campaign's results over all runs and per run.</summary>
internal sealed class CampaignsResultsCommand : CampaignsCommand
{
    private readonly Argument<string> _id = CampaignArguments.Id();

    public CampaignsResultsCommand(CliContext context)
        : base("results", "Show a campaign's results: treated against control, lift with its 95% interval, incremental customers and revenue, per run and over all runs.", context) =>
        Arguments.Add(_id);

    protected override async Task RunAsync(CampaignsClient client, ParseResult parseResult, bool json, CancellationToken cancellationToken) =>
        await CampaignsOutput.WriteResultsAsync(Context.Out, await client.ResultsAsync(parseResult.GetValue(_id)!, cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false);
}
