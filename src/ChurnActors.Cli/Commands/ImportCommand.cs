using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using ChurnActors.Cli.Arguments;
using ChurnActors.Cli.Bench;
using ChurnActors.Cli.Http;
using ChurnActors.Cli.Import;
using ChurnActors.Ingest;
using ChurnActors.Storage;
using Npgsql;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors import</c>: writes a shop's history from a file into the event log, through the same log and dedupe
/// as live ingest (directly into PostgreSQL, or through a host's <c>/v1/batch</c>). Every event gets a message id
/// derived from the file's content, so importing the same file again adds nothing.
/// </summary>
internal sealed class ImportCommand : ICliCommand
{
    private const int DefaultBatch = 500;
    private const int DefaultConcurrency = 4;
    private const int PositionEvery = 1024;

    private static readonly (string Name, ImportFormat Format)[] Formats =
    [
        ("cdnow", ImportFormat.Cdnow),
        ("online-retail", ImportFormat.OnlineRetail),
        ("segment-jsonl", ImportFormat.SegmentJsonl),
        ("csv", ImportFormat.Csv),
    ];

    public CommandSpec Spec { get; } = new(
        "import",
        "Import a shop's history (CDNOW, Online Retail, Segment JSON lines, CSV) into the event log.",
        [
            OptionSpec.Value("input", "FILE", "The file to import; gzip is recognised and read as it streams.", required: true),
            OptionSpec.Value("format", "F", "cdnow, online-retail, segment-jsonl or csv.", required: true),
            OptionSpec.Values("map", "COLUMN=FIELD", $"csv: feed FIELD from COLUMN; repeat for more ({string.Join(", ", CsvFieldMap.FieldNames)})."),
            DatabaseTarget.ConnectionOption,
            OptionSpec.Value("url", "URL", "Send through the host at URL (POST /v1/batch) instead of writing to the database."),
            OptionSpec.Value(
                "write-key", "KEY",
                $"The write key: required with --url (or {HostOptions.WriteKeyEnvironmentVariable}); with the database it names the dedupe source (default: 'import')."),
            OptionSpec.Value("limit", "N", "Read only the first N rows (the order open at row N is completed)."),
            OptionSpec.Value("batch", "B", $"Events per /v1/batch request with --url (default {DefaultBatch})."),
            OptionSpec.Value("concurrency", "C", $"Requests in flight with --url (default {DefaultConcurrency})."),
            OptionSpec.Flag("json", "Print the summary as one JSON object."),
            OptionSpec.Flag("quiet", "No progress lines on stderr."),
        ],
        "Message ids come from the file's content (cdnow: customer, day and the day's lines; online-retail: the invoice\n" +
        "number; csv: the messageId column or a hash of the row; segment-jsonl: the message's own), and the dedupe source\n" +
        "is the write key's (the host's) or 'import': importing the same file again adds 0 events and reports duplicates.\n" +
        "Events go straight to the log; a running host's grains pick them up when they next activate.\n" +
        "See docs/cli.md for the presets and the fields a csv column can feed.");

    public async Task<int> ExecuteAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);

        var formatName = arguments.GetString("format")!;
        var format = Formats.FirstOrDefault(f => f.Name == formatName.ToLowerInvariant()) is { Name: not null } known
            ? known.Format
            : throw new UsageException($"unknown format '{formatName}' for --format (supported: {string.Join(", ", Formats.Select(f => f.Name))})");
        var maps = arguments.GetAll("map");
        if (maps.Count > 0 && format != ImportFormat.Csv)
        {
            throw new UsageException("--map applies to --format csv only");
        }

        var reader = CreateReader(format, CsvFieldMap.ParseOptions(maps));
        var input = arguments.GetString("input")!;
        if (!File.Exists(input))
        {
            throw new UsageException($"input file '{input}' does not exist");
        }

        var limit = arguments.GetInt32("limit", minimum: 1);
        var url = arguments.GetHttpUrl("url");
        if (url is not null && arguments.Has(DatabaseTarget.ConnectionOption.Name))
        {
            throw new UsageException("give either --connection or --url, not both");
        }

        var batchSize = arguments.GetInt32("batch", minimum: 1, maximum: 10_000) ?? DefaultBatch;
        var concurrency = arguments.GetInt32("concurrency", minimum: 1, maximum: 256) ?? DefaultConcurrency;
        if (url is null && (arguments.Has("batch") || arguments.Has("concurrency")))
        {
            throw new UsageException("--batch and --concurrency apply to --url only");
        }

        var (target, source) = url is null
            ? await OpenDatabaseAsync(arguments, context, cancellationToken).ConfigureAwait(false)
            : await OpenHostAsync(url, arguments, context, batchSize, concurrency, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            return ExitCodes.Failure;
        }

        await using (target.ConfigureAwait(false))
        {
            return await RunAsync(reader, formatName.ToLowerInvariant(), input, limit, target, source, arguments.Has("json"), !arguments.Has("quiet"), context, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static IImportReader CreateReader(ImportFormat format, IReadOnlyList<(string Column, ImportField Field)> mapping) => format switch
    {
        ImportFormat.Cdnow => new CdnowImportReader(),
        ImportFormat.OnlineRetail => new OnlineRetailReader(),
        ImportFormat.SegmentJsonl => new SegmentJsonlReader(),
        _ => new CsvImportReader(mapping),
    };

    private static async Task<(IImportTarget? Target, string Source)> OpenDatabaseAsync(
        ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var writeKey = arguments.GetString("write-key");
        var source = writeKey is null ? IngestSources.Import : IngestSources.OfWriteKey(writeKey);
        if (await DatabaseTarget.ResolveReachableAsync(arguments, context, cancellationToken).ConfigureAwait(false) is not { } connectionString)
        {
            return (null, source);
        }

        try
        {
            var pending = await Migrator.PendingAsync(connectionString, cancellationToken).ConfigureAwait(false);
            if (pending.Count > 0)
            {
                await context.Error.WriteLineAsync(
                    $"error: {DatabaseTarget.Describe(connectionString)} lacks {pending.Count} of {Migrator.All.Count} migrations; run 'churnactors db migrate' first").ConfigureAwait(false);
                return (null, source);
            }
        }
        catch (NpgsqlException ex)
        {
            await context.Error.WriteLineAsync(
                $"error: reading the schema of {DatabaseTarget.Describe(connectionString)} failed: {DatabaseTarget.Reason(ex)}").ConfigureAwait(false);
            return (null, source);
        }

        return (new EventLogImportTarget(connectionString), source);
    }

    private static async Task<(IImportTarget? Target, string Source)> OpenHostAsync(
        Uri url, ParsedArguments arguments, CliContext context, int batchSize, int concurrency, CancellationToken cancellationToken)
    {
        var writeKey = HostOptions.ResolveWriteKey(arguments, context);
        var source = IngestSources.OfWriteKey(writeKey);
        var client = new ChurnApiClient(url, writeKey, concurrency);
        if (await client.CheckReachableAsync(cancellationToken).ConfigureAwait(false) is { } unreachable)
        {
            client.Dispose();
            await context.Error.WriteLineAsync($"error: {unreachable}").ConfigureAwait(false);
            return (null, source);
        }

        return (new HostImportTarget(client, batchSize, concurrency), source);
    }

    private static async Task<int> RunAsync(
        IImportReader reader,
        string format,
        string input,
        int? limit,
        IImportTarget target,
        string source,
        bool json,
        bool showProgress,
        CliContext context,
        CancellationToken cancellationToken)
    {
        var tally = new ImportTally();
        var clock = Stopwatch.StartNew();
        var receivedAt = DateTimeOffset.UtcNow;
        long position = 0;
        long length = 1;
        string? formatError = null;
        var progress = showProgress
            ? ProgressReporter.Start(
                context.Error,
                context.ErrorIsTerminal,
                () => Describe(tally, target, Interlocked.Read(ref position), Interlocked.Read(ref length), clock.Elapsed),
                context.ErrorIsTerminal ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(2))
            : null;
        try
        {
            await using var file = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            Interlocked.Exchange(ref length, Math.Max(1, file.Length));
            await using var content = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
            using var text = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
            var count = 0;
            foreach (var message in reader.Read(text, tally, limit))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (SegmentLine.Parse(message.Json, source, receivedAt, out var problem) is { } parsed)
                {
                    await target.AddAsync(message, parsed, cancellationToken).ConfigureAwait(false);
                    if (target.Error is not null)
                    {
                        break;
                    }
                }
                else
                {
                    tally.Bad(message.Line, problem!);
                }

                if (++count % PositionEvery == 0)
                {
                    Interlocked.Exchange(ref position, file.Position);
                }
            }

            await target.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ImportFormatException ex)
        {
            formatError = ex.Message;
        }
        catch (InvalidDataException ex)
        {
            formatError = $"the file is not readable gzip ({ex.Message})";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            formatError = $"reading the file failed: {ex.Message}";
        }
        finally
        {
            if (progress is not null)
            {
                await progress.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (formatError is not null)
        {
            await context.Error.WriteLineAsync($"error: {input}: {formatError}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var summary = new ImportSummary(
            input, format, target.Description, source, tally.RowsRead, target.Sent, target.Written, target.Duplicates,
            tally.Skipped, tally.BadRowCount, tally.BadRows, tally.TrimmedEvents, clock.Elapsed.TotalSeconds, target.Error);
        foreach (var bad in tally.BadRows)
        {
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"bad row: line {bad.Line}: {bad.Problem}")).ConfigureAwait(false);
        }

        if (tally.BadRowCount > tally.BadRows.Count)
        {
            await context.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture, $"bad row: … and {tally.BadRowCount - tally.BadRows.Count} more")).ConfigureAwait(false);
        }

        await context.Out.WriteAsync(json ? ImportReport.FormatJson(summary) : ImportReport.FormatText(summary)).ConfigureAwait(false);
        if (target.Error is { } error)
        {
            await context.Error.WriteLineAsync($"error: {error}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        if (summary.Events == 0 && summary.BadRows > 0)
        {
            await context.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture, $"error: nothing importable in {input}: all {summary.BadRows} rows read are bad")).ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = file.Read(magic);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    private static string Describe(ImportTally tally, IImportTarget target, long position, long length, TimeSpan elapsed) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"rows {tally.RowsRead} ({100.0 * position / length:0}% of the file), events {target.Sent} sent: {target.Written} written, {target.Duplicates} duplicates; {target.Sent / Math.Max(0.001, elapsed.TotalSeconds):0} events/s");
}
