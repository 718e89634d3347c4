using System.CommandLine;

namespace ChurnActors.Cli.Commands;

/// <summary>The arguments of the <c>campaigns</c> commands.</summary>
internal static class CampaignArguments
{
    public static Argument<string> Id() => new("ID") { Description = "The campaign's id (its slug, e.g. winback-berlin)." };

    public static Argument<FileInfo> File() => new("FILE") { Description = "The campaign file (JSON; see docs/campaigns.md)." };
}
