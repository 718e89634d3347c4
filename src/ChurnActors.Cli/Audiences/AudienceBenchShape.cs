namespace ChurnActors.Cli.Audiences;

/// <summary>One audience the benchmark times: a name and its filter JSON.</summary>
internal sealed record AudienceBenchShape(string Name, string Filter)
{
    /// <summary>Representative audiences: one band, a value-at-risk floor, categories lapsed a month, a recent band entry, and a nested any/all.</summary>
    public static IReadOnlyList<AudienceBenchShape> Representative { get; } =
    [
        new("band-high", """{"all":[{"field":"band","op":"eq","value":"high"}]}"""),
        new("value-at-risk", """{"all":[{"field":"valueAtRisk","op":"gte","value":100}]}"""),
        new("category-lapsed", """{"all":[{"field":"topCategory","op":"in","value":["shoes","bags"]},{"field":"daysSinceLastOrder","op":"gt","value":30}]}"""),
        new("entered-high-7d", """{"all":[{"enteredBand":"high","withinDays":7}]}"""),
        new(
            "nested-any-all",
            """{"any":[{"all":[{"field":"band","op":"eq","value":"high"},{"field":"clv","op":"gte","value":200}]},{"all":[{"field":"band","op":"eq","value":"medium"},{"field":"country","op":"in","value":["DE","AT","CH"]},{"field":"orders","op":"gte","value":3},{"enteredBand":"medium","withinDays":30}]}]}"""),
        new("everyone", """{"all":[{"field":"status","op":"exists","value":true}]}"""),
    ];
}
