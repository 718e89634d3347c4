using System.Globalization;
using System.Text;
using ChurnActors.Domain.Risk;
using Npgsql;
using NpgsqlTypes;

namespace ChurnActors.Storage.Audiences;

/// <summary>
/// Compiles an <see cref="AudienceFilter"/> to a parameterised WHERE clause over <c>customer_scores s</c>. The SQL text
/// holds only fixed fragments and column names from <see cref="AudienceFields"/>; every value, including the instants
/// that days fields and <c>withinDays</c> turn into, is a positional parameter. A condition never matches a customer
/// whose field is empty (SQL null), except <c>exists</c> false.
/// </summary>
public static class AudienceSql
{
    /// <summary>
    /// The WHERE clause of <paramref name="filter"/> evaluated at <paramref name="now"/>, with parameters numbered from
    /// <paramref name="firstParameter"/> (<c>$n</c>), so a caller's own parameters can come first.
    /// </summary>
    public static CompiledAudience Compile(AudienceFilter filter, DateTimeOffset now, int firstParameter = 1)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstParameter, 1);
        var compiler = new Compiler(now.ToUniversalTime(), firstParameter);
        var sql = new StringBuilder();
        compiler.Group(filter, sql);
        return new CompiledAudience(sql.ToString(), compiler.Parameters.AsReadOnly());
    }

    private sealed class Compiler(DateTimeOffset now, int firstParameter)
    {
        public List<NpgsqlParameter> Parameters { get; } = [];

        public void Group(AudienceFilter filter, StringBuilder sql)
        {
            var joiner = filter.Combinator == AudienceCombinator.All ? " AND " : " OR ";
            sql.Append('(');
            for (var i = 0; i < filter.Conditions.Count; i++)
            {
                if (i > 0)
                {
                    sql.Append(joiner);
                }

                Condition(filter.Conditions[i], sql);
            }

            sql.Append(')');
        }

        private void Condition(AudienceCondition condition, StringBuilder sql)
        {
            switch (condition)
            {
                case AudienceGroupCondition group:
                    Group(group.Group, sql);
                    break;
                case AudienceEnteredBandCondition entered:
                    sql.Append("EXISTS (SELECT 1 FROM band_transitions t WHERE t.customer_key = s.customer_key AND t.to_band = ")
                        .Append(Add(NpgsqlDbType.Text, BandName(entered.Band)))
                        .Append(" AND t.at >= ")
                        .Append(Add(NpgsqlDbType.TimestampTz, Instant(now.AddDays(-entered.WithinDays))))
                        .Append(')');
                    break;
                case AudienceFieldCondition field when field.Field.Kind == AudienceFieldKind.Days:
                    Days(field, sql);
                    break;
                case AudienceFieldCondition field:
                    Field(field, sql);
                    break;
                default:
                    throw new InvalidOperationException($"Unhandled audience condition {condition.GetType().Name}.");
            }
        }

        private void Field(AudienceFieldCondition condition, StringBuilder sql)
        {
            var column = "s." + condition.Field.Column;
            var type = DbType(condition.Field.Kind);
            var values = condition.Values;
            switch (condition.Operator)
            {
                case AudienceOperator.Exists:
                    sql.Append(column).Append((bool)values[0] ? " IS NOT NULL" : " IS NULL");
                    break;
                case AudienceOperator.Contains:
                    // strpos rather than LIKE: the value's % and _ stay plain characters.
                    sql.Append("strpos(lower(").Append(column).Append("), ")
                        .Append(Add(NpgsqlDbType.Text, ((string)values[0]).ToLowerInvariant())).Append(") > 0");
                    break;
                case AudienceOperator.In:
                    sql.Append(column).Append(" = ANY(").Append(Add(NpgsqlDbType.Array | type, ArrayOf(condition))).Append(')');
                    break;
                case AudienceOperator.NotIn:
                    sql.Append(column).Append(" <> ALL(").Append(Add(NpgsqlDbType.Array | type, ArrayOf(condition))).Append(')');
                    break;
                case AudienceOperator.Between:
                    sql.Append(column).Append(" BETWEEN ").Append(Add(type, Value(values[0])))
                        .Append(" AND ").Append(Add(type, Value(values[1])));
                    break;
                default:
                    sql.Append(column).Append(' ').Append(Comparison(condition.Operator)).Append(' ').Append(Add(type, Value(values[0])));
                    break;
            }
        }

        /// <summary>
        /// Whole days from an instant to <c>now</c>, d = floor((now - column) / 1 day), as ranges of the column itself so
        /// the column's index serves: d &gt;= k is column &lt;= now - k days, and d &lt; k is column &gt; now - k days.
        /// </summary>
        private void Days(AudienceFieldCondition condition, StringBuilder sql)
        {
            var column = "s." + condition.Field.Column;
            var values = condition.Values;
            switch (condition.Operator)
            {
                case AudienceOperator.Exists:
                    sql.Append(column).Append((bool)values[0] ? " IS NOT NULL" : " IS NULL");
                    break;
                case AudienceOperator.Gte:
                    AtLeast(column, (int)values[0], sql);
                    break;
                case AudienceOperator.Gt:
                    AtLeast(column, (int)values[0] + 1, sql);
                    break;
                case AudienceOperator.Lt:
                    Below(column, (int)values[0], sql);
                    break;
                case AudienceOperator.Lte:
                    Below(column, (int)values[0] + 1, sql);
                    break;
                case AudienceOperator.Eq:
                    Range(column, (int)values[0], (int)values[0], sql);
                    break;
                case AudienceOperator.Between:
                    Range(column, (int)values[0], (int)values[1], sql);
                    break;
                case AudienceOperator.Ne:
                    OutsideRange(column, (int)values[0], sql);
                    break;
                case AudienceOperator.In or AudienceOperator.NotIn:
                    // A list compares the day count itself: one parameter for the list however long it is.
                    sql.Append("floor(extract(epoch FROM (").Append(Add(NpgsqlDbType.TimestampTz, Instant(now))).Append(" - ").Append(column)
                        .Append(")) / 86400)::bigint").Append(condition.Operator == AudienceOperator.In ? " = ANY(" : " <> ALL(")
                        .Append(Add(NpgsqlDbType.Array | NpgsqlDbType.Bigint, values.Select(v => (long)(int)v).ToArray())).Append(')');
                    break;
                default:
                    throw new InvalidOperationException($"Operator {condition.Operator} does not apply to days.");
            }
        }

        private void AtLeast(string column, int days, StringBuilder sql) =>
            sql.Append(column).Append(" <= ").Append(Add(NpgsqlDbType.TimestampTz, DaysAgo(days)));

        private void Below(string column, int days, StringBuilder sql) =>
            sql.Append(column).Append(" > ").Append(Add(NpgsqlDbType.TimestampTz, DaysAgo(days)));

        private void Range(string column, int low, int high, StringBuilder sql)
        {
            sql.Append('(');
            AtLeast(column, low, sql);
            sql.Append(" AND ");
            Below(column, high + 1, sql);
            sql.Append(')');
        }

        private void OutsideRange(string column, int days, StringBuilder sql)
        {
            sql.Append('(');
            Below(column, days, sql);
            sql.Append(" OR ");
            AtLeast(column, days + 1, sql);
            sql.Append(')');
        }

        private DateTime DaysAgo(int days) => Instant(now.AddDays(-days));

        private string Add(NpgsqlDbType type, object value)
        {
            Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type, Value = value });
            return "$" + (firstParameter + Parameters.Count - 1).ToString(CultureInfo.InvariantCulture);
        }

        private static string Comparison(AudienceOperator op) => op switch
        {
            AudienceOperator.Eq => "=",
            AudienceOperator.Ne => "<>",
            AudienceOperator.Lt => "<",
            AudienceOperator.Lte => "<=",
            AudienceOperator.Gt => ">",
            AudienceOperator.Gte => ">=",
            _ => throw new InvalidOperationException($"Operator {op} is not a comparison."),
        };

        private static NpgsqlDbType DbType(AudienceFieldKind kind) => kind switch
        {
            AudienceFieldKind.Number => NpgsqlDbType.Double,
            AudienceFieldKind.Integer => NpgsqlDbType.Integer,
            AudienceFieldKind.Money => NpgsqlDbType.Numeric,
            AudienceFieldKind.Timestamp => NpgsqlDbType.TimestampTz,
            _ => NpgsqlDbType.Text,
        };

        private static object Value(object value) => value is DateTimeOffset instant ? Instant(instant) : value;

        private static Array ArrayOf(AudienceFieldCondition condition) => condition.Field.Kind switch
        {
            AudienceFieldKind.Number => condition.Values.Cast<double>().ToArray(),
            AudienceFieldKind.Integer => condition.Values.Cast<int>().ToArray(),
            AudienceFieldKind.Money => condition.Values.Cast<decimal>().ToArray(),
            AudienceFieldKind.Timestamp => condition.Values.Cast<DateTimeOffset>().Select(Instant).ToArray(),
            _ => condition.Values.Cast<string>().ToArray(),
        };

        /// <summary>Npgsql writes timestamptz from a UTC <see cref="DateTime"/>.</summary>
        private static DateTime Instant(DateTimeOffset instant) => instant.UtcDateTime;

        private static string BandName(RiskBand band) => band.ToString().ToLowerInvariant();
    }
}
