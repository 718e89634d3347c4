using System.Globalization;

namespace ChurnActors.Domain.Lifetime;

/// <summary>
/// Reads the CDNOW transaction log (Fader &amp; Hardie's CDNOW_master/CDNOW_sample files): whitespace-separated lines
/// <c>customer_id sample_id yyyymmdd number_of_cds dollar_value</c> (the sample file) or
/// <c>customer_id yyyymmdd number_of_cds dollar_value</c> (the master file), with an optional header line whose first
/// field is <c>customer_id</c>. Column 1 is the customer key. Several
/// purchases by one customer on one day are merged into one transaction (units and value summed), as the literature
/// does.
/// </summary>
public static class CdnowReader
{
    /// <summary>Reads every line; returns one <see cref="DatedPurchase"/> per customer and day, in order of first appearance.</summary>
    /// <exception cref="TransactionLogFormatException">A line has too few fields, a bad date or a bad number.</exception>
    public static IReadOnlyList<DatedPurchase> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var merged = new Dictionary<(string Customer, DateOnly Day), int>();
        var purchases = new List<DatedPurchase>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (ParseLine(line, lineNumber, headerAllowed: purchases.Count == 0) is not { } purchase)
            {
                continue;
            }

            var key = (purchase.CustomerId, purchase.Day);
            if (merged.TryGetValue(key, out var index))
            {
                var existing = purchases[index];
                purchases[index] = existing with { Units = existing.Units + purchase.Units, Value = existing.Value + purchase.Value };
            }
            else
            {
                merged[key] = purchases.Count;
                purchases.Add(purchase);
            }
        }

        return purchases;
    }

    /// <summary>
    /// Reads one line of the log as one purchase (not yet merged with others of the same day); null for a blank line
    /// and, when <paramref name="headerAllowed"/>, for the header line.
    /// </summary>
    /// <exception cref="TransactionLogFormatException">The line has too few fields, a bad date or a bad number.</exception>
    public static DatedPurchase? ParseLine(string line, int lineNumber, bool headerAllowed)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0 || (headerAllowed && fields[0] == "customer_id"))
        {
            return null;
        }

        if (fields.Length is not (4 or 5))
        {
            throw new TransactionLogFormatException(
                lineNumber,
                $"expected 5 fields (customer_id sample_id yyyymmdd number_of_cds dollar_value) or 4 (without sample_id), found {fields.Length}");
        }

        var first = fields.Length - 3;
        if (!DateOnly.TryParseExact(fields[first], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new TransactionLogFormatException(lineNumber, $"'{fields[first]}' is not a date in yyyymmdd form");
        }

        if (!int.TryParse(fields[first + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var units))
        {
            throw new TransactionLogFormatException(lineNumber, $"'{fields[first + 1]}' is not a whole number of CDs");
        }

        if (!decimal.TryParse(fields[first + 2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new TransactionLogFormatException(lineNumber, $"'{fields[first + 2]}' is not a non-negative dollar value");
        }

        return new DatedPurchase(fields[0], day, units, value);
    }
}
