using System.CommandLine;
using ChurnActors.Cli.Campaigns;
using ChurnActors.Cli.CommandLine;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors campaigns create</c>: creates a campaign from a file.</summary>
internal sealed class CampaignsCreateCommand : CampaignsCommand
{
    private readonly Argument<FileInfo> _file = CampaignArguments.File();

    public CampaignsCreateCommand(CliContext context)
        : base("create", "Create a campaign from a file; one scheduled now starts its first run.", context) => Arguments.Add(_file);

    protected override async Task RunAsync(CampaignsClient client, ParseResult parseResult, bool json, CancellationToken cancellationToken)
    {
        var text = await ReadFileAsync(parseResult.GetValue(_file)!, cancellationToken).ConfigureAwait(false);
        await CampaignsOutput.WriteCampaignAsync(Context.Out, await client.CreateAsync(text, cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false);
    }
}
