using System.Globalization;
using ChurnActors.Simulation.Segment;

namespace ChurnActors.Cli.Import;

/// <summary>
/// Reads a generic CSV with a header row; <see cref="CsvFieldMap"/> says which column feeds which field. Each row is one
/// event (Order Completed when no column names the event); adjacent rows with the same order id, customer and event
/// are the lines of one order (<c>products[]</c>, revenue the sum of the rows' revenue). Timestamps without an offset
/// are UTC. The message id is the messageId column if mapped (kept as it is, so repeats are duplicates), else a hash of
/// the event's rows.
/// </summary>
internal sealed class CsvImportReader(IReadOnlyList<(string Column, ImportField Field)> mapping) : IImportReader
{
    private static readonly string[] DateFormats = ["yyyyMMdd", "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF"];

    public IEnumerable<SourceMessage> Read(TextReader input, ImportTally tally, long? rowLimit)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(tally);
        using var csv = new CsvRecordReader(input);
        var header = CsvHeader.Read(csv, "a header row naming the columns");
        var map = CsvFieldMap.Create(header, mapping);
        var ids = new MessageIds();
        using var writer = new ImportedEventWriter(tally);
        var fields = new List<string>(header.Names.Count);
        Group? open = null;
        while (true)
        {
            bool more;
            try
            {
                more = csv.TryRead(fields);
            }
            catch (FormatException ex)
            {
                tally.Row();
                tally.Bad(csv.Line, ex.Message);
                break;
            }

            if (!more)
            {
                break;
            }

            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            string? problem = null;
            var row = fields.Count == header.Names.Count ? ReadRow(map, fields, out problem) : null;
            var continuesOpen = open is not null && row is not null && open.Continues(row);
            if (rowLimit is { } limit && tally.RowsRead >= limit && !continuesOpen)
            {
                break;
            }

            tally.Row();
            if (row is null)
            {
                tally.Bad(csv.Line, fields.Count != header.Names.Count
                    ? $"expected {header.Names.Count} fields as in the header, found {fields.Count}"
                    : problem!);
                continue;
            }

            if (!continuesOpen)
            {
                if (open is not null)
                {
                    yield return writer.Write(open.Line, open.ToEvent(ids));
                }

                open = new Group(row, csv.Line);
            }

            open!.Add(row, fields);
        }

        if (open is not null)
        {
            yield return writer.Write(open.Line, open.ToEvent(ids));
        }
    }

    private static Row? ReadRow(CsvFieldMap map, List<string> fields, out string? problem)
    {
        problem = null;
        var userId = map.Value(fields, ImportField.UserId);
        var anonymousId = map.Value(fields, ImportField.AnonymousId);
        if (userId is null && anonymousId is null)
        {
            problem = map.Has(ImportField.UserId)
                ? $"column '{map.ColumnOf(ImportField.UserId)}' (userId) is empty"
                : $"column '{map.ColumnOf(ImportField.AnonymousId)}' (anonymousId) is empty";
            return null;
        }

        var timestampText = map.Value(fields, ImportField.Timestamp);
        if (timestampText is null || ParseTimestamp(timestampText) is not { } timestamp)
        {
            problem = $"column '{map.ColumnOf(ImportField.Timestamp)}' (timestamp): '{timestampText}' is not a date-time like 2026-11-29T10:00:00Z";
            return null;
        }

        var eventName = CommerceEvents.OrderCompleted;
        if (map.Has(ImportField.Event))
        {
            eventName = map.Value(fields, ImportField.Event)!;
            if (eventName is null)
            {
                problem = $"column '{map.ColumnOf(ImportField.Event)}' (event) is empty";
                return null;
            }
        }

        decimal? revenue = null;
        decimal? price = null;
        int? quantity = null;
        if (!TryDecimal(map, fields, ImportField.Revenue, ref revenue, ref problem)
            || !TryDecimal(map, fields, ImportField.Price, ref price, ref problem))
        {
            return null;
        }

        if (map.Value(fields, ImportField.Quantity) is { } quantityText)
        {
            if (!decimal.TryParse(quantityText, NumberStyles.Number, CultureInfo.InvariantCulture, out var q) || q != decimal.Truncate(q) || q < 0 || q > int.MaxValue)
            {
                problem = $"column '{map.ColumnOf(ImportField.Quantity)}' (quantity): '{quantityText}' is not a non-negative whole number";
                return null;
            }

            quantity = (int)q;
        }

        var productId = map.Value(fields, ImportField.ProductId);
        var name = map.Value(fields, ImportField.Name);
        var category = map.Value(fields, ImportField.Category);
        var product = productId is null && name is null && category is null && price is null && quantity is null
            ? null
            : new ImportedProduct(productId, name, category, price, quantity);
        return new Row(
            userId, anonymousId, timestamp, eventName, map.Value(fields, ImportField.OrderId), revenue,
            map.Value(fields, ImportField.Currency), product, map.Value(fields, ImportField.MessageId));
    }

    private static bool TryDecimal(CsvFieldMap map, List<string> fields, ImportField field, ref decimal? value, ref string? problem)
    {
        if (map.Value(fields, field) is not { } text)
        {
            return true;
        }

        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        problem = $"column '{map.ColumnOf(field)}' ({CsvFieldMap.Name(field)}): '{text}' is not a number";
        return false;
    }

    private static DateTimeOffset? ParseTimestamp(string text)
    {
        const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, Utc, out var exact))
        {
            return new DateTimeOffset(exact, TimeSpan.Zero);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Utc, out var parsed) ? parsed.ToUniversalTime() : null;
    }

    /// <summary>One row's values.</summary>
    private sealed record Row(
        string? UserId,
        string? AnonymousId,
        DateTimeOffset Timestamp,
        string Event,
        string? OrderId,
        decimal? Revenue,
        string? Currency,
        ImportedProduct? Product,
        string? MessageId);

    /// <summary>The rows of one event read so far.</summary>
    private sealed class Group(Row first, long line)
    {
        private readonly List<ImportedProduct> _products = [];
        private readonly List<string> _content = [];
        private decimal? _revenue;

        public long Line { get; } = line;

        public bool Continues(Row row) =>
            first.OrderId is not null && row.OrderId == first.OrderId && row.UserId == first.UserId
            && row.AnonymousId == first.AnonymousId && row.Event == first.Event;

        public void Add(Row row, List<string> fields)
        {
            if (row.Product is not null)
            {
                _products.Add(row.Product);
            }

            if (row.Revenue is { } amount)
            {
                _revenue = (_revenue ?? 0m) + amount;
            }

            _content.Add(string.Join('\u001e', fields));
        }

        public ImportedEvent ToEvent(MessageIds ids) =>
            new(
                first.MessageId ?? ids.Unique("csv:" + MessageIds.ContentHash(_content)),
                first.UserId,
                first.AnonymousId,
                first.Timestamp,
                first.Event,
                first.OrderId,
                _revenue,
                first.Currency,
                [.. _products]);
    }
}
