using System.CommandLine;
using ChurnActors.Cli.Campaigns;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Cli.Playbooks;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// A <c>campaigns</c> verb: acts through a host's admin API (<c>--url</c> with an admin key) and prints text, or the
/// API's JSON with <c>--json</c>.
/// </summary>
internal abstract class CampaignsCommand : CliCommand
{
    public const string TargetDetails =
        "Acts through a host's admin API (--url, with --admin-key or the CHURN_ADMIN_KEY environment variable). Exit codes: " +
        "0 done, 1 the host failed or refused, 2 a wrong command line or an invalid campaign file (every problem is printed " +
        "with its JSON path). See docs/campaigns.md for the file format.";

    private readonly Option<Uri?> _url = HostOptions.Url();

    private readonly Option<string?> _adminKey = HostOptions.AdminKey();

    private readonly Option<bool> _json = CliOptions.Flag("--json", "Write the API's JSON instead of text.");

    protected CampaignsCommand(string name, string description, CliContext context)
        : base(name, description, context, TargetDetails)
    {
        Options.Add(_url);
        Options.Add(_adminKey);
        Options.Add(_json);
    }

    /// <summary>Does the verb's work with the client; <paramref name="json"/> asks for the API's JSON.</summary>
    protected abstract Task RunAsync(CampaignsClient client, ParseResult parseResult, bool json, CancellationToken cancellationToken);

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var key = HostOptions.ResolveAdminKey(parseResult.GetValue(_adminKey), Context)
            ?? throw new UsageException($"no admin key: pass --admin-key KEY or set the {HostOptions.AdminKeyEnvironmentVariable} environment variable");
        using var client = new CampaignsClient(parseResult.GetValue(_url)!, key);
        try
        {
            await RunAsync(client, parseResult, parseResult.GetValue(_json), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (PlaybooksCommandException ex) when (ex.Problems.Count > 0)
        {
            await PlaybooksOutput.WriteProblemsAsync(Context.Error, "the host says the campaign", ex.Problems).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (PlaybooksCommandException ex)
        {
            await Context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>The text of a campaign file.</summary>
    /// <exception cref="UsageException">The file cannot be read.</exception>
    protected static async Task<string> ReadFileAsync(FileInfo file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            return await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {file.FullName}: {ex.Message}", ex);
        }
    }
}
