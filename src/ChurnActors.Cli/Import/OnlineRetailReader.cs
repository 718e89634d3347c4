using System.Globalization;
using ChurnActors.Simulation.Segment;

namespace ChurnActors.Cli.Import;

/// <summary>
/// Reads the UCI Online Retail invoice lines (<c>InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,
/// CustomerID,Country</c>). Adjacent lines of one invoice and customer make one event: Order Completed with the lines
/// as <c>products[]</c> and revenue their sum, or, for an invoice number starting with "C", Order Refunded for the
/// absolute amount. Lines without a CustomerID are skipped (and counted). The message id is the invoice number; an
/// invoice that comes back after other invoices becomes a separate event with its own id.
/// </summary>
internal sealed class OnlineRetailReader : IImportReader
{
    public const string NoCustomer = "no CustomerID";
    private const string FormatName = "online-retail";
    private const string Columns = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,...";
    private static readonly string[] DateFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "M/d/yyyy H:mm"];

    public IEnumerable<SourceMessage> Read(TextReader input, ImportTally tally, long? rowLimit)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(tally);
        using var csv = new CsvRecordReader(input);
        var header = CsvHeader.Read(csv, Columns);
        var invoiceColumn = header.Require("InvoiceNo", FormatName);
        var stockCodeColumn = header.Require("StockCode", FormatName);
        var descriptionColumn = header.Require("Description", FormatName);
        var quantityColumn = header.Require("Quantity", FormatName);
        var dateColumn = header.Require("InvoiceDate", FormatName);
        var priceColumn = header.Require("UnitPrice", FormatName);
        var customerColumn = header.Require("CustomerID", FormatName);

        var ids = new MessageIds();
        using var writer = new ImportedEventWriter(tally);
        var fields = new List<string>(header.Names.Count);
        Invoice? open = null;
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

            var complete = fields.Count == header.Names.Count;
            var invoice = complete ? fields[invoiceColumn].Trim() : "";
            var customer = complete ? NormalizeCustomer(fields[customerColumn]) : "";
            var continuesOpen = open is not null && open.Number == invoice && open.Customer == customer;
            if (rowLimit is { } limit && tally.RowsRead >= limit && !continuesOpen)
            {
                break;
            }

            tally.Row();
            if (!complete)
            {
                tally.Bad(csv.Line, $"expected {header.Names.Count} fields as in the header, found {fields.Count}");
                continue;
            }

            if (customer.Length == 0)
            {
                tally.Skip(NoCustomer);
                continue;
            }

            if (!continuesOpen && open is not null)
            {
                yield return writer.Write(open.Line, open.ToEvent(ids));
                open = null;
            }

            if (ReadLine(fields, quantityColumn, priceColumn, dateColumn, invoice) is not { } line)
            {
                tally.Bad(csv.Line, Problem(fields, quantityColumn, priceColumn, dateColumn, invoice));
                continue;
            }

            open ??= new Invoice(invoice, customer, line.At, csv.Line);
            open.Products.Add(new ImportedProduct(
                fields[stockCodeColumn].Trim(), NullIfEmpty(fields[descriptionColumn].Trim()), null, line.Price, line.Quantity));
        }

        if (open is not null)
        {
            yield return writer.Write(open.Line, open.ToEvent(ids));
        }
    }

    /// <summary>"17850" stays, "17850.0" (a spreadsheet export) becomes "17850".</summary>
    private static string NormalizeCustomer(string value)
    {
        var trimmed = value.Trim();
        return trimmed.EndsWith(".0", StringComparison.Ordinal) && trimmed.Length > 2 && trimmed[..^2].All(char.IsAsciiDigit)
            ? trimmed[..^2]
            : trimmed;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static bool IsCancellation(string invoice) => invoice.StartsWith('C') || invoice.StartsWith('c');

    private static (int Quantity, decimal Price, DateTimeOffset At)? ReadLine(
        List<string> fields, int quantityColumn, int priceColumn, int dateColumn, string invoice)
    {
        if (!int.TryParse(fields[quantityColumn].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quantity)
            || quantity == 0
            || (quantity < 0 && !IsCancellation(invoice))
            || !decimal.TryParse(fields[priceColumn].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price)
            || !DateTime.TryParseExact(fields[dateColumn].Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return null;
        }

        return (Math.Abs(quantity), price, new DateTimeOffset(at, TimeSpan.Zero));
    }

    private static string Problem(List<string> fields, int quantityColumn, int priceColumn, int dateColumn, string invoice)
    {
        var quantityText = fields[quantityColumn].Trim();
        if (!int.TryParse(quantityText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quantity))
        {
            return $"Quantity '{quantityText}' is not a whole number";
        }

        if (quantity == 0 || (quantity < 0 && !IsCancellation(invoice)))
        {
            return $"Quantity {quantity} on invoice {invoice}: order lines need a positive quantity (cancellations have invoice numbers starting with C)";
        }

        var priceText = fields[priceColumn].Trim();
        if (!decimal.TryParse(priceText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            return $"UnitPrice '{priceText}' is not a non-negative amount";
        }

        return $"InvoiceDate '{fields[dateColumn].Trim()}' is not a date-time like 2011-12-09 12:50:00";
    }

    /// <summary>The lines of one invoice read so far.</summary>
    private sealed class Invoice(string number, string customer, DateTimeOffset at, long line)
    {
        public string Number { get; } = number;

        public string Customer { get; } = customer;

        public long Line { get; } = line;

        public List<ImportedProduct> Products { get; } = [];

        public ImportedEvent ToEvent(MessageIds ids)
        {
            var amount = Products.Sum(p => p.Price!.Value * p.Quantity!.Value);
            return new ImportedEvent(
                ids.Unique("online-retail:" + Number),
                Customer,
                null,
                at,
                IsCancellation(Number) ? CommerceEvents.OrderRefunded : CommerceEvents.OrderCompleted,
                Number,
                amount,
                "GBP",
                [.. Products]);
        }
    }
}
