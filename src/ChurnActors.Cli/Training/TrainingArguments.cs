using System.Globalization;
using ChurnActors.Cli.Arguments;
using ChurnActors.Cli.Commands;
using ChurnActors.Domain.Replay;
using ChurnActors.Training.Events;

namespace ChurnActors.Cli.Training;

/// <summary>The options <c>train</c> and <c>evaluate</c> share: cut-off, horizons, churn definition and event source.</summary>
internal static class TrainingArguments
{
    public static OptionSpec Cutoff { get; } = OptionSpec.Value(
        "cutoff", "DATE", "Evaluation cut-off: the end of DATE (yyyy-mm-dd, UTC); events on DATE are history.", required: true);

    public static OptionSpec Horizon { get; } = OptionSpec.Value("horizon", "DURATION", "Churned = no activity within this long after the cut-off (default 90d).");

    public static OptionSpec TrainHorizon { get; } = OptionSpec.Value(
        "train-horizon", "DURATION", "Horizon of the training labels when history is short (default: --horizon).");

    public static OptionSpec Step { get; } = OptionSpec.Value("step", "DURATION", "Spacing of the training cut-offs (default 30d).");

    public static OptionSpec Events { get; } = OptionSpec.Value(
        "events", "FILE", "Read Segment JSON lines (e.g. from simulate --out) instead of the database's event log.");

    public static OptionSpec ActivityEvents { get; } = OptionSpec.Value(
        "activity", "EVENTS", "Comma-separated event types that count as activity (default \"Order Completed\").");

    public static OptionSpec MinimumOrders { get; } = OptionSpec.Value("min-orders", "N", "Orders before the cut-off a customer needs to be labelled (default 1).");

    public static OptionSpec MaximumDaysSinceOrder { get; } = OptionSpec.Value(
        "max-days-since-order", "D", "Leave out customers whose latest order is more than D days before the cut-off.");

    public static OptionSpec Json { get; } = OptionSpec.Flag("json", "Print one JSON object instead of the table.");

    public static OptionSpec Quiet { get; } = OptionSpec.Flag("quiet", "No progress lines on stderr.");

    public const string Description =
        "DURATION is a number of days with a unit: 90d, 13w or 24h. The event source is the database (--connection or\n" +
        "the ConnectionStrings__ChurnActors variable) unless --events names a JSON lines file.";

    /// <summary>The cut-off moment: the end of the given day.</summary>
    public static DateTimeOffset ReadCutoff(ParsedArguments arguments)
    {
        var raw = arguments.GetString(Cutoff.Name)!;
        if (!DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new UsageException($"option --{Cutoff.Name} expects a date as yyyy-mm-dd, got '{raw}'");
        }

        return new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }

    /// <summary>A DURATION option such as 90d, 13w or 24h, or <paramref name="fallback"/> when absent.</summary>
    public static TimeSpan ReadDuration(ParsedArguments arguments, OptionSpec option, TimeSpan fallback)
    {
        var raw = arguments.GetString(option.Name);
        if (raw is null)
        {
            return fallback;
        }

        var unit = raw.Length > 0 ? raw[^1] : ' ';
        var number = char.IsDigit(unit) ? raw : raw[..^1];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value <= 0)
        {
            throw new UsageException($"option --{option.Name} expects a positive duration such as 90d, 13w or 24h, got '{raw}'");
        }

        return unit switch
        {
            'd' or 'D' => TimeSpan.FromDays(value),
            'w' or 'W' => TimeSpan.FromDays(value * 7),
            'h' or 'H' => TimeSpan.FromHours(value),
            _ when char.IsDigit(unit) => TimeSpan.FromDays(value),
            _ => throw new UsageException($"option --{option.Name}: unknown unit '{unit}' in '{raw}' (use d, w or h)"),
        };
    }

    public static ChurnDefinition ReadDefinition(ParsedArguments arguments)
    {
        var horizon = ReadDuration(arguments, Horizon, ChurnDefinition.DefaultHorizon);
        var activity = arguments.GetString(ActivityEvents.Name) is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : null;
        if (activity is { Length: 0 })
        {
            throw new UsageException($"option --{ActivityEvents.Name} names no event type");
        }

        var eligibility = new ChurnEligibility(
            arguments.GetInt32(MinimumOrders.Name, minimum: 0) ?? 1,
            arguments.GetDouble(MaximumDaysSinceOrder.Name, minimum: 0));
        return new ChurnDefinition(horizon, activity, eligibility);
    }

    /// <summary>
    /// The event source: the JSON lines file of --events, else the database. Null after reporting an unreachable database
    /// or an unreadable file on stderr.
    /// </summary>
    public static async Task<ICustomerHistorySource?> OpenSourceAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        if (arguments.GetString(Events.Name) is { } path)
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

        var connectionString = await DatabaseTarget.ResolveReachableAsync(arguments, context, cancellationToken).ConfigureAwait(false);
        return connectionString is null ? null : new PostgresHistorySource(connectionString);
    }
}
