using System.Globalization;
using ChurnActors.Simulation.Segment;
using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Cli.Import;

/// <summary>
/// Reads the CDNOW transaction log with <see cref="CdnowReader.ParseLine"/>: adjacent lines of one customer and day
/// merge into one Order Completed at 00:00 UTC of that day, revenue the day's dollar value, one <c>products[]</c> line
/// of the day's CDs. The message id is <c>cdnow:customer:yyyymmdd:hash</c>, the hash over the merged lines' parsed
/// values, so it is the same in the sample and the master file and does not depend on line numbers.
/// </summary>
internal sealed class CdnowImportReader : IImportReader
{
    public IEnumerable<SourceMessage> Read(TextReader input, ImportTally tally, long? rowLimit)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(tally);
        var ids = new MessageIds();
        using var writer = new ImportedEventWriter(tally);
        Day? open = null;
        var lineNumber = 0;
        while (input.ReadLine() is { } line)
        {
            lineNumber++;
            DatedPurchase? parsed;
            try
            {
                parsed = CdnowReader.ParseLine(line, lineNumber, headerAllowed: tally.RowsRead == 0);
            }
            catch (TransactionLogFormatException ex)
            {
                if (rowLimit is { } cut && tally.RowsRead >= cut)
                {
                    break;
                }

                tally.Row();
                tally.Bad(lineNumber, ex.Message[(ex.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
                continue;
            }

            if (parsed is not { } purchase)
            {
                continue;
            }

            var continuesOpen = open is not null && open.Customer == purchase.CustomerId && open.Date == purchase.Day;
            if (rowLimit is { } limit && tally.RowsRead >= limit && !continuesOpen)
            {
                break;
            }

            tally.Row();
            if (!continuesOpen)
            {
                if (open is not null)
                {
                    yield return writer.Write(open.Line, open.ToEvent(ids));
                }

                open = new Day(purchase.CustomerId, purchase.Day, lineNumber);
            }

            open!.Add(purchase);
        }

        if (open is not null)
        {
            yield return writer.Write(open.Line, open.ToEvent(ids));
        }
    }

    /// <summary>The purchases of one customer on one day read so far.</summary>
    private sealed class Day(string customer, DateOnly date, long line)
    {
        private readonly List<string> _content = [];
        private int _units;
        private decimal _value;

        public string Customer { get; } = customer;

        public DateOnly Date { get; } = date;

        public long Line { get; } = line;

        public void Add(DatedPurchase purchase)
        {
            _units += purchase.Units;
            _value += purchase.Value;
            _content.Add(string.Create(CultureInfo.InvariantCulture, $"{purchase.CustomerId} {purchase.Day:yyyyMMdd} {purchase.Units} {purchase.Value:0.############}"));
        }

        public ImportedEvent ToEvent(MessageIds ids)
        {
            var day = Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            IReadOnlyList<ImportedProduct> products = _units > 0
                ? [new ImportedProduct("cd", null, "CDs", Math.Round(_value / _units, 2), _units)]
                : [];
            return new ImportedEvent(
                ids.Unique($"cdnow:{Customer}:{day}:{MessageIds.ContentHash(_content)}"),
                Customer,
                null,
                new DateTimeOffset(Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                CommerceEvents.OrderCompleted,
                $"{Customer}-{day}",
                _value,
                "USD",
                products);
        }
    }
}
