using ChurnActors.Domain.Risk;
using ChurnActors.Storage.Audiences;

namespace ChurnActors.Storage.Tests.Audiences;

/// <summary>Reading audience filters: the tree it builds, and every problem named at its JSON path with what to write.</summary>
public sealed class AudienceReaderTests
{
    [Fact]
    public void Read_BuildsTheTree_WithTypedValues()
    {
        var read = AudienceReader.Read(
            """
            {"all": [
              {"field": "valueAtRisk", "op": "gte", "value": 50},
              {"any": [
                {"field": "topCategory", "op": "in", "value": ["shoes", "bags"]},
                {"enteredBand": "high", "withinDays": 7}
              ]},
              {"field": "lastOrderAt", "op": "between", "value": ["2026-01-01", "2026-06-30T12:00:00+02:00"]},
              {"field": "netRevenue", "op": "gt", "value": 99.95},
              {"field": "daysSinceLastOrder", "op": "gt", "value": 30}
            ]}
            """);

        Assert.True(read.IsValid, string.Join("; ", read.Problems));
        var filter = read.Filter!;
        Assert.Equal(AudienceCombinator.All, filter.Combinator);
        Assert.Equal(5, filter.Conditions.Count);
        var risk = Assert.IsType<AudienceFieldCondition>(filter.Conditions[0]);
        Assert.Equal(("valueAtRisk", "value_at_risk", AudienceOperator.Gte), (risk.Field.Name, risk.Field.Column, risk.Operator));
        Assert.Equal([50.0], risk.Values);
        var any = Assert.IsType<AudienceGroupCondition>(filter.Conditions[1]).Group;
        Assert.Equal(AudienceCombinator.Any, any.Combinator);
        Assert.Equal(["shoes", "bags"], Assert.IsType<AudienceFieldCondition>(any.Conditions[0]).Values);
        Assert.Equal(new AudienceEnteredBandCondition(RiskBand.High, 7), any.Conditions[1]);
        var dates = Assert.IsType<AudienceFieldCondition>(filter.Conditions[2]);
        Assert.Equal(
            [new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 30, 10, 0, 0, TimeSpan.Zero)],
            dates.Values);
        Assert.Equal([99.95m], Assert.IsType<AudienceFieldCondition>(filter.Conditions[3]).Values);
        Assert.Equal([30], Assert.IsType<AudienceFieldCondition>(filter.Conditions[4]).Values);
    }

    [Fact]
    public void Read_AcceptsEveryFieldWithEveryOperatorItTakes()
    {
        foreach (var field in AudienceFields.All)
        {
            foreach (var op in AudienceFields.OperatorsFor(field.Kind))
            {
                var json = $$"""{"all":[{"field":"{{field.Name}}","op":"{{AudienceFields.Name(op)}}","value":{{SampleValue(field, op)}}}]}""";

                var read = AudienceReader.Read(json);

                Assert.True(read.IsValid, $"{json}: {string.Join("; ", read.Problems)}");
                var condition = Assert.IsType<AudienceFieldCondition>(Assert.Single(read.Filter!.Conditions));
                Assert.Equal((field, op), (condition.Field, condition.Operator));
            }
        }
    }

    [Theory]
    [InlineData("""{"all":[{"field":"clvv","op":"gte","value":5}]}""", "all[0].field", "unknown field 'clvv'; did you mean 'clv'?")]
    [InlineData("""{"all":[{"field":"band; DROP TABLE customer_scores","op":"eq","value":"high"}]}""", "all[0].field", "unknown field 'band; DROP TABLE customer_scores'")]
    [InlineData("""{"all":[{"field":"s.band","op":"eq","value":"high"}]}""", "all[0].field", "unknown field 's.band'")]
    [InlineData("""{"all":[{"field":"value_at_risk","op":"gte","value":1}]}""", "all[0].field", "did you mean 'valueAtRisk'?")]
    [InlineData("""{"all":[{"field":"Band","op":"eq","value":"high"}]}""", "all[0].field", "unknown field 'Band'")]
    [InlineData("""{"all":[{"field":"band","op":"equals","value":"high"}]}""", "all[0].op", "unknown operator 'equals'; band takes eq, ne, in, notIn, exists")]
    [InlineData("""{"all":[{"field":"band","op":"gt","value":"low"}]}""", "all[0].op", "'gt' does not apply to band (a band)")]
    [InlineData("""{"all":[{"field":"valueAtRisk","op":"contains","value":"5"}]}""", "all[0].op", "'contains' does not apply to valueAtRisk (a number)")]
    [InlineData("""{"all":[{"field":"lastOrderAt","op":"in","value":["2026-01-01"]}]}""", "all[0].op", "'in' does not apply to lastOrderAt (a date)")]
    [InlineData("""{"all":[{"field":"band","value":"high"}]}""", "all[0].op", "is missing; band takes eq, ne, in, notIn, exists")]
    [InlineData("""{"all":[{"field":"band","op":"eq"}]}""", "all[0].value", "is missing; give one value, e.g. \"value\": \"high\"")]
    [InlineData("""{"all":[{"field":"valueAtRisk","op":"gte","value":"50"}]}""", "all[0].value", "is the string \"50\"; valueAtRisk is a number: write it without quotes")]
    [InlineData("""{"all":[{"field":"orders","op":"gte","value":2.5}]}""", "all[0].value", "orders is a whole number")]
    [InlineData("""{"all":[{"field":"orders","op":"gte","value":-1}]}""", "all[0].value", "-1 is out of range")]
    [InlineData("""{"all":[{"field":"probability","op":"gte","value":70}]}""", "all[0].value", "70 is outside 0 to 1")]
    [InlineData("""{"all":[{"field":"band","op":"eq","value":"critical"}]}""", "all[0].value", "'critical' is not a band; use low, medium or high")]
    [InlineData("""{"all":[{"field":"status","op":"eq","value":"active"}]}""", "all[0].value", "'active' is not a status")]
    [InlineData("""{"all":[{"field":"topCategory","op":"eq","value":7}]}""", "all[0].value", "topCategory is text: write a string")]
    [InlineData("""{"all":[{"field":"topCategory","op":"eq","value":""}]}""", "all[0].value", "is empty")]
    [InlineData("""{"all":[{"field":"lastOrderAt","op":"gt","value":"yesterday"}]}""", "all[0].value", "'yesterday' is not an ISO 8601 date")]
    [InlineData("""{"all":[{"field":"lastOrderAt","op":"gt","value":"01/02/2026"}]}""", "all[0].value", "is not an ISO 8601 date")]
    [InlineData("""{"all":[{"field":"band","op":"in","value":"high"}]}""", "all[0].value", "in takes a list")]
    [InlineData("""{"all":[{"field":"band","op":"in","value":[]}]}""", "all[0].value", "is an empty list")]
    [InlineData("""{"all":[{"field":"band","op":"in","value":["high","hihg"]}]}""", "all[0].value[1]", "'hihg' is not a band")]
    [InlineData("""{"all":[{"field":"band","op":"eq","value":["high"]}]}""", "all[0].value", "is a list; eq compares with one value")]
    [InlineData("""{"all":[{"field":"clv","op":"between","value":[100]}]}""", "all[0].value", "between takes a list of two values [low, high]")]
    [InlineData("""{"all":[{"field":"clv","op":"between","value":[200, 100]}]}""", "all[0].value", "the low end 200 is above the high end 100")]
    [InlineData("""{"all":[{"field":"clv","op":"between","value":[100, "x"]}]}""", "all[0].value[1]", "clv is a number")]
    [InlineData("""{"all":[{"field":"clv","op":"exists","value":"yes"}]}""", "all[0].value", "exists takes true")]
    [InlineData("""{"all":[{"field":"clv","op":"gte","value":1,"unit":"EUR"}]}""", "all[0].unit", "unknown key 'unit'")]
    [InlineData("""{"all":[{"field":"daysSinceLastOrder","op":"gt","value":36501}]}""", "all[0].value", "from 0 to 36500")]
    [InlineData("""{"all":[]}""", "all", "is empty; give at least one condition")]
    [InlineData("""{"any":[]}""", "any", "is empty")]
    [InlineData("""{"all":[{"any":[]}]}""", "all[0].any", "is empty")]
    [InlineData("""{"all":{"field":"band"}}""", "all", "is an object; give a list of conditions")]
    [InlineData("""{"all":[1]}""", "all[0]", "is the number 1; a condition is")]
    [InlineData("""{"all":[{}]}""", "all[0]", "is an empty object")]
    [InlineData("""{"all":[{"feild":"band"}]}""", "all[0]", "has 'feild' but no \"field\"")]
    [InlineData("""{"all":[{"field":"band","op":"eq","value":"high"}],"any":[{"field":"band","op":"eq","value":"low"}]}""", "any", "either \"all\" or \"any\", not both")]
    [InlineData("""{"all":[{"field":"band","op":"eq","value":"high"}],"limit":5}""", "limit", "unknown key 'limit' in a group")]
    [InlineData("""{"field":"band","op":"eq","value":"high"}""", "", "is a single condition; wrap it in a group")]
    [InlineData("""{"band":"high"}""", "", "has no \"all\" or \"any\"")]
    [InlineData("""[]""", "", "is a list of 0; an audience is an object")]
    [InlineData("""{"all":[{"enteredBand":"high","withinDays":0}]}""", "all[0].withinDays", "0 is out of range; write a whole number of days from 1 to 365")]
    [InlineData("""{"all":[{"enteredBand":"high","withinDays":366}]}""", "all[0].withinDays", "366 is out of range")]
    [InlineData("""{"all":[{"enteredBand":"high","withinDays":"7"}]}""", "all[0].withinDays", "is the string \"7\"; write a whole number of days")]
    [InlineData("""{"all":[{"enteredBand":"high"}]}""", "all[0].withinDays", "is missing")]
    [InlineData("""{"all":[{"enteredBand":"top","withinDays":7}]}""", "all[0].enteredBand", "'top' is not a band")]
    [InlineData("""{"all":[{"enteredBand":"high","withinDays":7,"from":"low"}]}""", "all[0].from", "unknown key 'from'")]
    [InlineData("""{"all":[{"field":"band","op":"eq","value":"high"},{"any":[{"field":"clv","op":"gte","value":1},{"field":"clv","op":"gtee","value":1}]}]}""", "all[1].any[1].op", "unknown operator 'gtee'")]
    public void Read_NamesTheProblemAtItsPath_AndWhatToWriteInstead(string json, string path, string message)
    {
        var read = AudienceReader.Read(json);

        Assert.False(read.IsValid);
        Assert.Null(read.Filter);
        var problem = Assert.Single(read.Problems, p => p.Path == path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ReportsEveryProblem_NotOnlyTheFirst()
    {
        var read = AudienceReader.Read(
            """{"all":[{"field":"clvv","op":"gte","value":5},{"field":"band","op":"eq","value":"x"},{"enteredBand":"high","withinDays":0}]}""");

        Assert.Equal(["all[0].field", "all[1].value", "all[2].withinDays"], read.Problems.Select(p => p.Path));
    }

    [Fact]
    public void Read_RefusesNestingDeeperThanTheLimit_AndAcceptsItAtTheLimit()
    {
        const string Leaf = """{"field":"band","op":"eq","value":"high"}""";
        string Nest(int depth) => depth == 1 ? $$"""{"all":[{{Leaf}}]}""" : $$"""{"all":[{{Nest(depth - 1)}}]}""";

        var atLimit = AudienceReader.Read(Nest(AudienceReader.MaxDepth));
        var tooDeep = AudienceReader.Read(Nest(AudienceReader.MaxDepth + 1));

        Assert.True(atLimit.IsValid, string.Join("; ", atLimit.Problems));
        var problem = Assert.Single(tooDeep.Problems);
        Assert.Equal("all[0].all[0].all[0].all[0].all[0]", problem.Path);
        Assert.Contains($"at most {AudienceReader.MaxDepth} levels", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesMoreConditionsThanTheLimit_OnceAtTheFirstOneOver()
    {
        string Conditions(int count) =>
            $$"""{"any":[{{string.Join(",", Enumerable.Range(0, count).Select(i => $$"""{"field":"orders","op":"eq","value":{{i}}}"""))}}]}""";

        var atLimit = AudienceReader.Read(Conditions(AudienceReader.MaxConditions));
        var over = AudienceReader.Read(Conditions(AudienceReader.MaxConditions + 5));

        Assert.True(atLimit.IsValid, string.Join("; ", atLimit.Problems));
        var problem = Assert.Single(over.Problems);
        Assert.Equal($"any[{AudienceReader.MaxConditions}]", problem.Path);
        Assert.Contains("use in/notIn for lists of values", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesTheSyntaxError_WhenTheTextIsNotJson()
    {
        var read = AudienceReader.Read("{\"all\": [");

        var problem = Assert.Single(read.Problems);
        Assert.Equal(string.Empty, problem.Path);
        Assert.StartsWith("not valid JSON at line 1", problem.Message, StringComparison.Ordinal);
        Assert.Equal("filter", problem.PathUnder("filter"));
    }

    [Fact]
    public void PathUnder_PrefixesThePath_ForARequestBody()
    {
        var read = AudienceReader.Read("""{"all":[{"field":"x","op":"eq","value":1}]}""");

        Assert.Equal("filter.all[0].field", Assert.Single(read.Problems).PathUnder("filter"));
    }

    private static string SampleValue(AudienceFieldInfo field, AudienceOperator op)
    {
        var one = field.Kind switch
        {
            AudienceFieldKind.Band => "\"high\"",
            AudienceFieldKind.Status => "\"scored\"",
            AudienceFieldKind.Text => "\"shoes\"",
            AudienceFieldKind.Timestamp => "\"2026-01-01T00:00:00Z\"",
            AudienceFieldKind.Number when field.Range is { High: 1 } => "0.5",
            AudienceFieldKind.Money => "10.25",
            _ => "3",
        };
        var other = field.Kind switch
        {
            AudienceFieldKind.Band => "\"low\"",
            AudienceFieldKind.Status => "\"not-scored\"",
            AudienceFieldKind.Text => "\"bags\"",
            AudienceFieldKind.Timestamp => "\"2026-02-01T00:00:00Z\"",
            AudienceFieldKind.Number when field.Range is { High: 1 } => "0.75",
            _ => "30",
        };
        return op switch
        {
            AudienceOperator.Exists => "true",
            AudienceOperator.In or AudienceOperator.NotIn => $"[{one}, {other}]",
            AudienceOperator.Between => $"[{one}, {other}]",
            _ => one,
        };
    }
}
