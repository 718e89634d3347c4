using System.CommandLine;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// The host options of one command that talks to a running host: <c>--url</c>, <c>--write-key</c> and, as the command
/// needs them, <c>--read-key</c> (it reads customers) and <c>--admin-key</c> (it calls the admin API).
/// </summary>
internal sealed class HostTarget
{
    private readonly Option<Uri?> _url = HostOptions.Url();
    private readonly Option<string?> _writeKey = HostOptions.WriteKey();
    private readonly Option<string?>? _readKey;
    private readonly Option<string?>? _adminKey;

    public HostTarget(bool readsCustomers = false, bool usesAdminApi = false)
    {
        _readKey = readsCustomers ? HostOptions.ReadKey() : null;
        _adminKey = usesAdminApi ? HostOptions.AdminKey() : null;
    }

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_url);
        command.Options.Add(_writeKey);
        if (_readKey is not null)
        {
            command.Options.Add(_readKey);
        }

        if (_adminKey is not null)
        {
            command.Options.Add(_adminKey);
        }
    }

    /// <summary>The host's base URL (a required option, so present once parsing succeeded).</summary>
    public Uri Url(ParseResult parseResult) => parseResult.GetValue(_url)!;

    /// <exception cref="CommandLine.UsageException">Neither --write-key nor its environment variable gives one.</exception>
    public string WriteKey(ParseResult parseResult, CliContext context) => HostOptions.ResolveWriteKey(parseResult.GetValue(_writeKey), context);

    /// <summary>The admin key from --admin-key or its environment variable, or null.</summary>
    public string? AdminKey(ParseResult parseResult, CliContext context) =>
        HostOptions.ResolveAdminKey(_adminKey is null ? null : parseResult.GetValue(_adminKey), context);

    /// <summary>The key for GET /v1/users: the read key, else the admin key, else <paramref name="writeKey"/>.</summary>
    public string ReadKey(ParseResult parseResult, CliContext context, string writeKey) => HostOptions.ResolveReadKey(
        _readKey is null ? null : parseResult.GetValue(_readKey), _adminKey is null ? null : parseResult.GetValue(_adminKey), writeKey, context);
}
