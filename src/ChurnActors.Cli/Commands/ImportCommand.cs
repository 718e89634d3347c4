using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.LoadTools.Reporting;
using ChurnActors.LoadTools.Bench;
using ChurnActors.LoadTools.Http;
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
internal sealed class ImportCommand : CliCommand
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

    private readonly Option<string?> _input = CliOptions.Text(
        "--input", "FILE", "The file to import; gzip is recognised and read as it streams.", required: true);
    private readonly Option<string?> _format = CliOptions.Text("--format", "F", "cdnow, online-retail, segment-jsonl or csv.", required: true);
    private readonly Option<string[]> _map = CliOptions.Texts(
        "--map", "COLUMN=FIELD", $"csv: feed FIELD from COLUMN; repeat for more ({string.Join(", ", CsvFieldMap.FieldNames)}).");
    private readonly Option<string?> _connection = DatabaseTarget.Connection();
    private readonly Option<Uri?> _url = CliOptions.HttpUrl(
        "--url", "Send through the host at URL (POST /v1/batch) instead of writing to the database.");
    private readonly Option<string?> _writeKey = CliOptions.Text(
        "--write-key", "KEY",
        $"The write key: required with --url (or {HostOptions.WriteKeyEnvironmentVariable}); with the database it names the dedupe source (default: 'import').");
    private readonly Option<int?> _limit = CliOptions.Int("--limit", "N", "Read only the first N rows (the order open at row N is completed).", minimum: 1);
    private readonly Option<int?> _batch = CliOptions.Int(
        "--batch", "B", $"Events per /v1/batch request with --url (default {DefaultBatch}).", minimum: 1, maximum: 10_000);
    private readonly Option<int?> _concurrency = CliOptions.Int(
        "--concurrency", "C", $"Requests in flight with --url (default {DefaultConcurrency}).", minimum: 1, maximum: 256);
    private readonly Option<bool> _json = CliOptions.Flag("--json", "Print the summary as one JSON object.");
    private readonly Option<bool> _quiet = CliOptions.Flag("--quiet", "No progress on stderr.");

    public ImportCommand(CliContext context)
        : base(
            "import",
            "Import a shop's history (CDNOW, Online Retail, Segment JSON lines, CSV) into the event log.",
            context,
            "Message ids come from the file's content (cdnow: customer, day and the day's lines; online-retail: the invoice " +
            "number; csv: the messageId column or a hash of the row; segment-jsonl: the message's own), and the dedupe source " +
            "is the write key's (the host's) or 'import': importing the same file again adds 0 events and reports duplicates. " +
            "Events go straight to the log; a running host's grains pick them up when they next activate. " +
            "See docs/cli.md for the presets and the fields a csv column can feed.")
    {
        Options.Add(_input);
        Options.Add(_format);
        Options.Add(_map);
        Options.Add(_connection);
        Options.Add(_url);
        Options.Add(_writeKey);
        Options.Add(_limit);
        Options.Add(_batch);
        Options.Add(_concurrency);
        Options.Add(_json);
        Options.Add(_quiet);
        _format.CompletionSources.Add(Formats.Select(f => f.Name).ToArray());
        CliOptions.Exclusive(this, [_connection, _url]);
        Validators.Add(result =>
        {
            if (result.GetResult(_url) is null && (result.GetResult(_batch) is not null || result.GetResult(_concurrency) is not null))
            {
                result.AddError("--batch and --concurrency apply to --url only");
            }
        });
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var context = Context;
        var formatName = parseResult.GetValue(_format)!;
        var format = Formats.FirstOrDefault(f => f.Name == formatName.ToLowerInvariant()) is { Name: not null } known
            ? known.Format
            : throw new UsageException($"unknown format '{formatName}' for --format (supported: {string.Join(", ", Formats.Select(f => f.Name))})");
        var maps = parseResult.GetValue(_map) ?? [];
        if (maps.Length > 0 && format != ImportFormat.Csv)
        {
            throw new UsageException("--map applies to --format csv only");
        }

        var reader = CreateReader(format, CsvFieldMap.ParseOptions(maps));
        var input = parseResult.GetValue(_input)!;
        if (!File.Exists(input))
        {
            throw new UsageException($"input file '{input}' does not exist");
        }

        var limit = parseResult.GetValue(_limit);
        var url = parseResult.GetValue(_url);
        var batchSize = parseResult.GetValue(_batch) ?? DefaultBatch;
        var concurrency = parseResult.GetValue(_concurrency) ?? DefaultConcurrency;

        var (target, source) = url is null
            ? await OpenDatabaseAsync(parseResult.GetValue(_connection), parseResult.GetValue(_writeKey), context, cancellationToken).ConfigureAwait(false)
            : await OpenHostAsync(url, parseResult.GetValue(_writeKey), context, batchSize, concurrency, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            return ExitCodes.Failure;
        }

        await using (target.ConfigureAwait(false))
        {
            return await RunAsync(reader, formatName.ToLowerInvariant(), input, limit, target, source, parseResult.GetValue(_json), !parseResult.GetValue(_quiet), context, cancellationToken)
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
        string? connection, string? writeKey, CliContext context, CancellationToken cancellationToken)
    {
        var source = writeKey is null ? IngestSources.Import : IngestSources.OfWriteKey(writeKey);
        if (await DatabaseTarget.ResolveReachableAsync(connection, context, cancellationToken).ConfigureAwait(false) is not { } connectionString)
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
        Uri url, string? givenWriteKey, CliContext context, int batchSize, int concurrency, CancellationToken cancellationToken)
    {
        var writeKey = HostOptions.ResolveWriteKey(givenWriteKey, context);
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
            ? ProgressDisplay.Start(
                context,
                "importing",
                () => new ProgressState(
                    Describe(tally, target, Interlocked.Read(ref position), Interlocked.Read(ref length), clock.Elapsed),
                    (double)Interlocked.Read(ref position) / Interlocked.Read(ref length)),
                TimeSpan.FromSeconds(2))
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
