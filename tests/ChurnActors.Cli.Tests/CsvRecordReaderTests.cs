using ChurnActors.Cli.Import;

namespace ChurnActors.Cli.Tests;

public sealed class CsvRecordReaderTests
{
    [Fact]
    public void TryRead_SplitsQuotedFields_WithCommasQuotesAndLineBreaks()
    {
        using var csv = new CsvRecordReader(new StringReader("a,\"b, c\",\"say \"\"hi\"\"\"\nx,\"two\nlines\",\n\"last\",,z\n\n"));
        var fields = new List<string>();

        Assert.True(csv.TryRead(fields));
        Assert.Equal(["a", "b, c", "say \"hi\""], fields);
        Assert.Equal(1, csv.Line);
        Assert.True(csv.TryRead(fields));
        Assert.Equal(["x", "two\nlines", ""], fields);
        Assert.Equal(2, csv.Line);
        Assert.True(csv.TryRead(fields));
        Assert.Equal(["last", "", "z"], fields);
        Assert.Equal(4, csv.Line);
        Assert.True(csv.TryRead(fields));
        Assert.Equal([""], fields);
        Assert.Equal(5, csv.Line);
        Assert.False(csv.TryRead(fields));
    }

    [Fact]
    public void TryRead_NamesTheLine_WhenAQuoteIsNeverClosed()
    {
        using var csv = new CsvRecordReader(new StringReader("ok,1\n\"open,2\nmore"));
        var fields = new List<string>();
        Assert.True(csv.TryRead(fields));

        var error = Assert.Throws<FormatException>(() => csv.TryRead(fields));

        Assert.Equal("line 2: a quoted field is not closed before the end of the file", error.Message);
    }
}
