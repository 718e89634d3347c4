using ChurnActors.Cli.Arguments;

namespace ChurnActors.Cli.Tests;

public sealed class ArgumentParserTests
{
    private static readonly CommandSpec Spec = new(
        "bench ingest",
        "test command",
        [
            OptionSpec.Value("url", "URL", "host", required: true),
            OptionSpec.Value("events", "N", "events"),
            OptionSpec.Value("rate", "R", "rate"),
            OptionSpec.Flag("json", "json output"),
            OptionSpec.Values("map", "C=F", "mapping"),
        ]);

    [Fact]
    public void Parse_KeepsEveryValueInOrder_ForARepeatableOption()
    {
        var parsed = ArgumentParser.Parse(Spec, ["--url", "http://h:1", "--map", "a=userId", "--map=b=timestamp"]);

        Assert.Equal(["a=userId", "b=timestamp"], parsed.GetAll("map"));
        Assert.Empty(ArgumentParser.Parse(Spec, ["--url", "http://h:1"]).GetAll("map"));
    }

    [Fact]
    public void Parse_ReadsValuesAndFlags_InSpaceAndEqualsForms()
    {
        var parsed = ArgumentParser.Parse(Spec, ["--url", "http://h:1", "--events=25", "--json"]);

        Assert.False(parsed.HelpRequested);
        Assert.Equal("http://h:1", parsed.GetString("url"));
        Assert.Equal(25, parsed.GetInt32("events", minimum: 1));
        Assert.True(parsed.Has("json"));
        Assert.False(parsed.Has("rate"));
        Assert.Null(parsed.GetDouble("rate", minimum: 0));
    }

    [Fact]
    public void Parse_RejectsUnknownOption_NamingIt()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(Spec, ["--url", "u", "--evnts", "3"]));

        Assert.Contains("unknown option '--evnts'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsMissingValue_AtEndOfLine()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(Spec, ["--url", "u", "--events"]));

        Assert.Equal("option --events needs a value (N)", error.Message);
    }

    [Fact]
    public void Parse_RejectsMissingValue_WhenNextTokenIsAnOption()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(Spec, ["--events", "--url", "u"]));

        Assert.Equal("option --events needs a value (N)", error.Message);
    }

    [Fact]
    public void Parse_RejectsMissingRequiredOption()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(Spec, ["--events", "3"]));

        Assert.Equal("missing required option --url URL", error.Message);
    }

    [Fact]
    public void Parse_RejectsRepeatedOption()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(Spec, ["--url", "a", "--url", "b"]));

        Assert.Contains("more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsStrayPositionalArgument()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(Spec, ["--url", "a", "extra"]));

        Assert.Equal("unexpected argument 'extra'", error.Message);
    }

    [Fact]
    public void Parse_RejectsValueOnFlag()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(Spec, ["--url", "a", "--json=yes"]));

        Assert.Contains("takes no value", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Parse_ReportsHelp_EvenWhenOtherArgumentsAreInvalid(string help)
    {
        var parsed = ArgumentParser.Parse(Spec, ["--nonsense", help]);

        Assert.True(parsed.HelpRequested);
    }

    [Theory]
    [InlineData("abc", "expects a whole number, got 'abc'")]
    [InlineData("0", "must be at least 1, got 0")]
    [InlineData("2.5", "expects a whole number")]
    public void GetInt32_RejectsBadValues_NamingTheOption(string value, string expected)
    {
        var parsed = ArgumentParser.Parse(Spec, ["--url", "u", "--events", value]);

        var error = Assert.Throws<UsageException>(() => parsed.GetInt32("events", minimum: 1));

        Assert.Contains("--events", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "must be greater than 0")]
    [InlineData("fast", "expects a number")]
    public void GetDouble_RejectsBadValues(string value, string expected)
    {
        var parsed = ArgumentParser.Parse(Spec, ["--url", "u", "--rate", value]);

        var error = Assert.Throws<UsageException>(() => parsed.GetDouble("rate", minimum: 0));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost:5000")]
    [InlineData("ftp://host/")]
    public void GetHttpUrl_RejectsNonHttpUrls(string value)
    {
        var parsed = ArgumentParser.Parse(Spec, ["--url", value]);

        var error = Assert.Throws<UsageException>(() => parsed.GetHttpUrl("url"));

        Assert.Contains("http:// or https:// URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatUsage_ListsRequiredOptionsInUsageLineAndEveryOptionInTable()
    {
        var usage = Spec.FormatUsage();

        Assert.StartsWith("Usage: churnactors bench ingest --url URL [options]", usage, StringComparison.Ordinal);
        Assert.Contains("--events N", usage, StringComparison.Ordinal);
        Assert.Contains("--json", usage, StringComparison.Ordinal);
        Assert.Contains("-h, --help", usage, StringComparison.Ordinal);
    }
}
