using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Cli.Commands;
using ChurnActors.Domain.Replay;
using ChurnActors.Training.Events;

namespace ChurnActors.Cli.Training;

/// <summary>The options <c>train</c> and <c>evaluate</c> share: cut-off, horizons, churn definition and event source.</summary>
internal sealed class TrainingOptions
{
    public const string Description =
        "DURATION is a number of days with a unit: 90d, 13w or 24h. The event source is the database (--connection or " +
        "the ConnectionStrings__ChurnActors variable) unless --events names a JSON lines file.";

    private readonly Option<DateOnly?> _cutoff = CliOptions.Date(
        "--cutoff", "Evaluation cut-off: the end of DATE (yyyy-mm-dd, UTC); events on DATE are history.", required: true);

    private readonly Option<TimeSpan?> _horizon = Duration("--horizon", "Churned = no activity within this long after the cut-off (default 90d).");

    private readonly Option<TimeSpan?> _trainHorizon = Duration(
        "--train-horizon", "Horizon of the training labels when history is short (default: --horizon).");

    private readonly Option<TimeSpan?> _step = Duration("--step", "Spacing of the training cut-offs (default 30d).");

    private readonly Option<string?> _activity = CliOptions.Text(
        "--activity", "EVENTS", "Comma-separated event types that count as activity (default \"Order Completed\").");

    private readonly Option<int?> _minimumOrders = CliOptions.Int(
        "--min-orders", "N", "Orders before the cut-off a customer needs to be labelled (default 1).", minimum: 0);

    private readonly Option<double?> _maximumDaysSinceOrder = CliOptions.Number(
        "--max-days-since-order", "D", "Leave out customers whose latest order is more than D days before the cut-off.", minimum: 0);

    private readonly Option<string?> _connection = DatabaseTarget.Connection();

    private readonly Option<string?> _events = CliOptions.Text(
        "--events", "FILE", "Read Segment JSON lines (e.g. from simulate --out) instead of the database's event log.");

    private readonly Option<bool> _json = CliOptions.Flag("--json", "Print one JSON object instead of the table.");

    private readonly Option<bool> _quiet = CliOptions.Flag("--quiet", "No progress on stderr.");

    /// <summary>The cut-off and window options, added first so they lead the help.</summary>
    public void AddWindowTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_cutoff);
        command.Options.Add(_horizon);
        command.Options.Add(_trainHorizon);
    }

    /// <summary>The churn definition, the event source and the output options.</summary>
    public void AddRestTo(Command command, Action<Command>? beforeSource = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_step);
        command.Options.Add(_activity);
        command.Options.Add(_minimumOrders);
        command.Options.Add(_maximumDaysSinceOrder);
        beforeSource?.Invoke(command);
        command.Options.Add(_connection);
        command.Options.Add(_events);
        command.Options.Add(_json);
        command.Options.Add(_quiet);
    }

    public bool Json(ParseResult parseResult) => parseResult.GetValue(_json);

    public bool Quiet(ParseResult parseResult) => parseResult.GetValue(_quiet);

    public string? Connection(ParseResult parseResult) => parseResult.GetValue(_connection);

    /// <summary>The cut-off moment: the end of the given day.</summary>
    public DateTimeOffset Cutoff(ParseResult parseResult) =>
        new(parseResult.GetValue(_cutoff)!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public TimeSpan TrainingHorizon(ParseResult parseResult, ChurnDefinition definition) =>
        parseResult.GetValue(_trainHorizon) ?? definition.Horizon;

    public TimeSpan Step(ParseResult parseResult) => parseResult.GetValue(_step) ?? TimeSpan.FromDays(30);

    /// <exception cref="UsageException">--activity names no event type.</exception>
    public ChurnDefinition Definition(ParseResult parseResult)
    {
        var horizon = parseResult.GetValue(_horizon) ?? ChurnDefinition.DefaultHorizon;
        var activity = parseResult.GetValue(_activity) is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : null;
        if (activity is { Length: 0 })
        {
            throw new UsageException("option --activity names no event type");
        }

        var eligibility = new ChurnEligibility(parseResult.GetValue(_minimumOrders) ?? 1, parseResult.GetValue(_maximumDaysSinceOrder));
        return new ChurnDefinition(horizon, activity, eligibility);
    }

    /// <summary>
    /// The event source: the JSON lines file of --events, else the database. Null after reporting an unreachable database
    /// or an unreadable file on stderr.
    /// </summary>
    /// <exception cref="UsageException">The --events file does not exist, or no database is named.</exception>
    public async Task<ICustomerHistorySource?> OpenSourceAsync(ParseResult parseResult, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (parseResult.GetValue(_events) is { } path)
        {
            if (!File.Exists(path))
            {
                throw new UsageException($"events file '{path}' does not exist");
            }

            try
            {
                return await SegmentJsonlHistorySource.LoadAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                await context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return null;
            }
            catch (IOException ex)
            {
                await context.Error.WriteLineAsync($"error: cannot read {path}: {ex.Message}").ConfigureAwait(false);
                return null;
            }
        }

        var connectionString = await DatabaseTarget.ResolveReachableAsync(Connection(parseResult), context, cancellationToken).ConfigureAwait(false);
        return connectionString is null ? null : new PostgresHistorySource(connectionString);
    }

    /// <summary>A DURATION option such as 90d, 13w or 24h (a plain number is days).</summary>
    private static Option<TimeSpan?> Duration(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "DURATION",
            CustomParser = result => ParseDuration(result, name),
        };

    private static TimeSpan? ParseDuration(ArgumentResult result, string name)
    {
        var raw = result.Tokens.Count == 0 ? string.Empty : result.Tokens[^1].Value;
        var unit = raw.Length > 0 ? raw[^1] : ' ';
        var number = char.IsDigit(unit) ? raw : raw[..^1];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value <= 0)
        {
            result.AddError($"option {name} expects a positive duration such as 90d, 13w or 24h, got '{raw}'");
            return null;
        }

        switch (unit)
        {
            case 'd' or 'D':
                return TimeSpan.FromDays(value);
            case 'w' or 'W':
                return TimeSpan.FromDays(value * 7);
            case 'h' or 'H':
                return TimeSpan.FromHours(value);
            case var digit when char.IsDigit(digit):
                return TimeSpan.FromDays(value);
            default:
                result.AddError($"option {name}: unknown unit '{unit}' in '{raw}' (use d, w or h)");
                return null;
        }
    }
}
