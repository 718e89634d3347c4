using System.CommandLine;
using ChurnActors.Cli.Campaigns;
using ChurnActors.Cli.CommandLine;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors campaigns update</c>: replaces a campaign's definition from a file.</summary>
internal sealed class CampaignsUpdateCommand : CampaignsCommand
{
    private readonly Argument<string> _id = CampaignArguments.Id();

    private readonly Argument<FileInfo> _file = CampaignArguments.File();

    public CampaignsUpdateCommand(CliContext context)
        : base("update", "Replace a campaign's definition from a file (the next version) and register its schedule again.", context)
    {
        Arguments.Add(_id);
        Arguments.Add(_file);
    }

    protected override async Task RunAsync(CampaignsClient client, ParseResult parseResult, bool json, CancellationToken cancellationToken)
    {
        var text = await ReadFileAsync(parseResult.GetValue(_file)!, cancellationToken).ConfigureAwait(false);
        await CampaignsOutput.WriteCampaignAsync(Context.Out, await client.UpdateAsync(parseResult.GetValue(_id)!, text, cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false);
    }
}
