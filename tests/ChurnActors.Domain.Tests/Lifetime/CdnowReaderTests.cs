using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Domain.Tests.Lifetime;

public sealed class CdnowReaderTests
{
    [Fact]
    public void Read_MergesPurchasesOfOneCustomerOnOneDay()
    {
        const string log = " 00004 0001 19970101  2   29.33\n 00004 0001 19970101  1   10.00\n 00004 0001 19970118  2   29.73\n 00021 0002 19970101  3   63.34\n";

        var purchases = CdnowReader.Read(new StringReader(log));

        Assert.Equal(
            [
                new DatedPurchase("00004", new DateOnly(1997, 1, 1), 3, 39.33m),
                new DatedPurchase("00004", new DateOnly(1997, 1, 18), 2, 29.73m),
                new DatedPurchase("00021", new DateOnly(1997, 1, 1), 3, 63.34m),
            ],
            purchases);
    }

    [Fact]
    public void Read_AcceptsTheMasterFileLayout_WithHeaderAndWithoutSampleId()
    {
        const string log = "customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n\r\n 00002 19970112  1   12.00\r\n";

        var purchases = CdnowReader.Read(new StringReader(log));

        Assert.Equal(2, purchases.Count);
        Assert.Equal(new DatedPurchase("00002", new DateOnly(1997, 1, 12), 1, 12.00m), purchases[1]);
    }

    [Theory]
    [InlineData(" 00004 0001 1997-01-18  2   29.73", "line 2: '1997-01-18' is not a date in yyyymmdd form")]
    [InlineData(" 00004 0001 19970118  two   29.73", "line 2: 'two' is not a whole number of CDs")]
    [InlineData(" 00004 0001 19970118  2   -29.73", "line 2: '-29.73' is not a non-negative dollar value")]
    [InlineData(" 00004 19970118", "line 2: expected 5 fields")]
    public void Read_NamesTheLineAndTheProblem_ForABadLine(string badLine, string expected)
    {
        var log = " 00004 0001 19970101  2   29.33\n" + badLine + "\n";

        var error = Assert.Throws<TransactionLogFormatException>(() => CdnowReader.Read(new StringReader(log)));

        Assert.Equal(2, error.LineNumber);
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FindsTheSamplesCustomersAndTransactions()
    {
        using var reader = File.OpenText(CdnowSample.Path);

        var purchases = CdnowReader.Read(reader);

        Assert.Equal(2357, purchases.Select(p => p.CustomerId).Distinct().Count());
        Assert.True(purchases.Count < 6919, "same-day purchases are merged");
    }
}
