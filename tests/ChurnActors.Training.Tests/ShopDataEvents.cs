using System.Globalization;
using System.IO.Compression;
using System.Text;
using ChurnActors.Domain.Events;

namespace ChurnActors.Training.Tests;

/// <summary>
/// Reads the shared real shop logs as the events the engine would have logged: each CDNOW purchase line is an Order
/// Completed at noon UTC of its day with its dollar value; each Online Retail invoice with a CustomerID is an Order
/// Completed (amount: the sum of quantity x unit price) or, for a cancellation ("C" invoices), an Order Cancelled of
/// the order it names. Lines without a CustomerID are left out (they cannot be tied to a customer).
/// </summary>
internal static class ShopDataEvents
{
    public static List<CustomerEvent> Cdnow(string path)
    {
        var events = new List<CustomerEvent>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || !char.IsDigit(fields[0][0]))
            {
                continue; // the master file's header
            }

            // The sample file carries the sample id in column 2.
            var offset = fields.Length >= 5 ? 1 : 0;
            var day = DateTime.ParseExact(fields[1 + offset], "yyyyMMdd", CultureInfo.InvariantCulture);
            var at = new DateTimeOffset(day.AddHours(12), TimeSpan.Zero);
            var amount = decimal.Parse(fields[3 + offset], CultureInfo.InvariantCulture);
            var user = "cdnow-" + fields[0];
            events.Add(new CustomerEvent(CallType.Track, EcommerceEvents.OrderCompleted, at, at, user, null,
                new CommerceDetails($"cdnow-{line}", amount, null, [])));
        }

        return events;
    }

    public static List<CustomerEvent> OnlineRetail(string path)
    {
        var invoices = new Dictionary<string, (string Customer, DateTimeOffset At, decimal Amount)>(StringComparer.Ordinal);
        var order = new List<string>();
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        reader.ReadLine(); // header
        while (reader.ReadLine() is { } text)
        {
            var f = SplitCsv(text);
            if (f.Count < 8 || string.IsNullOrWhiteSpace(f[6]))
            {
                continue;
            }

            var invoice = f[0];
            var amount = decimal.Parse(f[3], CultureInfo.InvariantCulture) * decimal.Parse(f[5], NumberStyles.Float, CultureInfo.InvariantCulture);
            if (invoices.TryGetValue(invoice, out var known))
            {
                invoices[invoice] = known with { Amount = known.Amount + amount };
                continue;
            }

            var at = DateTimeOffset.ParseExact(f[4], ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            invoices[invoice] = ("retail-" + f[6].Split('.')[0], at, amount);
            order.Add(invoice);
        }

        return [.. order.Select(invoice =>
        {
            var (customer, at, amount) = invoices[invoice];
            return invoice.StartsWith('C')
                ? new CustomerEvent(CallType.Track, EcommerceEvents.OrderCancelled, at, at, customer, null, new CommerceDetails(invoice[1..], Math.Abs(amount), null, []))
                : new CustomerEvent(CallType.Track, EcommerceEvents.OrderCompleted, at, at, customer, null, new CommerceDetails(invoice, amount, null, []));
        })];
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
