using ChurnActors.Storage.Audiences;
using NpgsqlTypes;

namespace ChurnActors.Storage.Tests.Audiences;

/// <summary>The SQL text the compiler writes: only fixed fragments and known columns, every value a parameter.</summary>
public sealed class AudienceSqlTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compile_WritesNoInputTextIntoTheSql_OnlyParameters()
    {
        const string Attack = "x'; DROP TABLE customer_scores; --";
        var filter = Read($$"""
            {"any":[
              {"field":"topCategory","op":"eq","value":"{{Attack}}"},
              {"field":"country","op":"in","value":["{{Attack}}","DE"]},
              {"field":"timeZone","op":"contains","value":"{{Attack}}"}
            ]}
            """);

        var compiled = AudienceSql.Compile(filter, Now);

        Assert.DoesNotContain("DROP", compiled.Where, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("'", compiled.Where, StringComparison.Ordinal);
        Assert.Equal(
            "(s.top_category = $1 OR s.country = ANY($2) OR strpos(lower(s.time_zone), $3) > 0)",
            compiled.Where);
        Assert.Equal(Attack, compiled.Parameters[0].Value);
        Assert.Equal(new[] { Attack, "DE" }, compiled.Parameters[1].Value);
        Assert.Equal(NpgsqlDbType.Array | NpgsqlDbType.Text, compiled.Parameters[1].NpgsqlDbType);
    }

    [Fact]
    public void Compile_TurnsDaysIntoInstants_RelativeToNow()
    {
        var filter = Read("""{"all":[{"field":"daysSinceLastOrder","op":"gt","value":30},{"enteredBand":"high","withinDays":7}]}""");

        var compiled = AudienceSql.Compile(filter, Now);

        Assert.Equal(
            "(s.last_order_at <= $1 AND EXISTS (SELECT 1 FROM band_transitions t WHERE t.customer_key = s.customer_key AND t.to_band = $2 AND t.at >= $3))",
            compiled.Where);
        Assert.Equal(Now.AddDays(-31).UtcDateTime, compiled.Parameters[0].Value);
        Assert.Equal("high", compiled.Parameters[1].Value);
        Assert.Equal(Now.AddDays(-7).UtcDateTime, compiled.Parameters[2].Value);
    }

    [Fact]
    public void Compile_UsesOnlyColumnsFromTheFieldTable()
    {
        var conditions = AudienceFields.All.Select(f => $$"""{"field":"{{f.Name}}","op":"exists","value":true}""");
        var filter = Read($$"""{"all":[{{string.Join(",", conditions)}}]}""");

        var compiled = AudienceSql.Compile(filter, Now);

        var columns = System.Text.RegularExpressions.Regex.Matches(compiled.Where, @"s\.([a-z0-9_]+)").Select(m => m.Groups[1].Value).Distinct();
        Assert.All(columns, c => Assert.Contains(AudienceFields.All, f => f.Column == c));
        Assert.Empty(compiled.Parameters);
    }

    [Fact]
    public void Compile_RefusesAParameterNumberBelowOne()
    {
        var filter = Read("""{"all":[{"field":"band","op":"eq","value":"high"}]}""");

        Assert.Throws<ArgumentOutOfRangeException>(() => AudienceSql.Compile(filter, Now, firstParameter: 0));
    }

    private static AudienceFilter Read(string json)
    {
        var read = AudienceReader.Read(json);
        Assert.True(read.IsValid, string.Join("; ", read.Problems));
        return read.Filter!;
    }
}
