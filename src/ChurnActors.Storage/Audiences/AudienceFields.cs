namespace ChurnActors.Storage.Audiences;

/// <summary>
/// The fixed table of fields an audience may filter on, from JSON name to <c>customer_scores</c> column, and the
/// operators each kind of field takes. The compiler writes only column names from this table into SQL.
/// </summary>
public static class AudienceFields
{
    private static readonly AudienceOperator[] TextOperators =
        [AudienceOperator.Eq, AudienceOperator.Ne, AudienceOperator.In, AudienceOperator.NotIn, AudienceOperator.Contains, AudienceOperator.Exists];

    private static readonly AudienceOperator[] ChoiceOperators =
        [AudienceOperator.Eq, AudienceOperator.Ne, AudienceOperator.In, AudienceOperator.NotIn, AudienceOperator.Exists];

    private static readonly AudienceOperator[] NumberOperators =
    [
        AudienceOperator.Eq, AudienceOperator.Ne, AudienceOperator.Lt, AudienceOperator.Lte, AudienceOperator.Gt, AudienceOperator.Gte,
        AudienceOperator.In, AudienceOperator.NotIn, AudienceOperator.Between, AudienceOperator.Exists,
    ];

    private static readonly AudienceOperator[] TimestampOperators =
    [
        AudienceOperator.Eq, AudienceOperator.Ne, AudienceOperator.Lt, AudienceOperator.Lte, AudienceOperator.Gt, AudienceOperator.Gte,
        AudienceOperator.Between, AudienceOperator.Exists,
    ];

    /// <summary>Every field, in the order the docs list them.</summary>
    public static IReadOnlyList<AudienceFieldInfo> All { get; } =
    [
        new("band", "band", AudienceFieldKind.Band, "risk band: low, medium or high (empty unless scored)"),
        new("status", "status", AudienceFieldKind.Status, "scoring status: scored, insufficient-data or not-scored"),
        new("probability", "probability", AudienceFieldKind.Number, "churn probability, 0 to 1") { Range = (0, 1) },
        new("percentile", "percentile", AudienceFieldKind.Number, "percentile of the score in the training population, 0 to 100") { Range = (0, 100) },
        new("horizonDays", "horizon_days", AudienceFieldKind.Number, "days the probability looks ahead"),
        new("clv", "clv_value", AudienceFieldKind.Number, "customer lifetime value"),
        new("pAlive", "p_alive", AudienceFieldKind.Number, "probability the customer is still active, 0 to 1") { Range = (0, 1) },
        new("expectedPurchases", "expected_purchases_90d", AudienceFieldKind.Number, "purchases expected in the next 90 days"),
        new("orders", "orders", AudienceFieldKind.Integer, "orders placed"),
        new("netRevenue", "net_revenue", AudienceFieldKind.Money, "revenue net of refunds"),
        new("firstOrderAt", "first_order_at", AudienceFieldKind.Timestamp, "time of the first order"),
        new("lastOrderAt", "last_order_at", AudienceFieldKind.Timestamp, "time of the last order"),
        new("daysSinceLastOrder", "last_order_at", AudienceFieldKind.Days, "whole days since the last order"),
        new("topCategory", "top_category", AudienceFieldKind.Text, "category the customer buys most"),
        new("country", "country", AudienceFieldKind.Text, "country"),
        new("timeZone", "time_zone", AudienceFieldKind.Text, "IANA time zone"),
        new("modelVersion", "model_version", AudienceFieldKind.Text, "version of the model that scored the customer"),
        new("scoredAt", "scored_at", AudienceFieldKind.Timestamp, "time of the latest score"),
        new("bandSince", "band_since", AudienceFieldKind.Timestamp, "time the customer entered the current band"),
        new("daysInBand", "band_since", AudienceFieldKind.Days, "whole days since the customer entered the current band"),
        new("lastEventAt", "last_event_at", AudienceFieldKind.Timestamp, "time of the latest event"),
        new("valueAtRisk", "value_at_risk", AudienceFieldKind.Number, "probability x CLV: what the shop stands to lose"),
    ];

    private static readonly Dictionary<string, AudienceFieldInfo> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The field named <paramref name="name"/> (exact camelCase), or null when there is none.</summary>
    public static AudienceFieldInfo? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The operators a field of <paramref name="kind"/> takes.</summary>
    public static IReadOnlyList<AudienceOperator> OperatorsFor(AudienceFieldKind kind) => kind switch
    {
        AudienceFieldKind.Text => TextOperators,
        AudienceFieldKind.Band or AudienceFieldKind.Status => ChoiceOperators,
        AudienceFieldKind.Timestamp => TimestampOperators,
        _ => NumberOperators,
    };

    /// <summary>The JSON name of an operator.</summary>
    public static string Name(AudienceOperator op) => op switch
    {
        AudienceOperator.NotIn => "notIn",
        _ => op.ToString().ToLowerInvariant(),
    };

    /// <summary>The operator with JSON name <paramref name="name"/> (exact), or null.</summary>
    public static AudienceOperator? FindOperator(string name)
    {
        foreach (var op in Enum.GetValues<AudienceOperator>())
        {
            if (Name(op) == name)
            {
                return op;
            }
        }

        return null;
    }
}
