using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChurnActors.Domain.Risk;

namespace ChurnActors.Storage.Audiences;

/// <summary>
/// Reads an audience filter from JSON and checks it, reporting every problem at once with its JSON path and what to
/// write instead: unknown fields and keys, unknown operators, operators a field does not take, values of the wrong
/// type, empty groups, <c>withinDays</c> out of range, nesting deeper than <see cref="MaxDepth"/> and more than
/// <see cref="MaxConditions"/> conditions. Written over <see cref="JsonElement"/> by hand, like the playbook reader,
/// because the serializer stops at the first problem and names no path a person can act on.
/// </summary>
public static partial class AudienceReader
{
    /// <summary>The deepest nesting of groups; the top-level group is depth 1.</summary>
    public const int MaxDepth = 5;

    /// <summary>The most conditions in one filter, counting nested groups and the conditions inside them.</summary>
    public const int MaxConditions = 100;

    /// <summary>The most values of one <c>in</c> or <c>notIn</c>.</summary>
    public const int MaxListValues = 1000;

    /// <summary>The largest <c>withinDays</c> of an <c>enteredBand</c> condition.</summary>
    public const int MaxWithinDays = 365;

    /// <summary>The longest text value.</summary>
    public const int MaxTextLength = 200;

    /// <summary>The largest number of days a days field compares with (about a hundred years).</summary>
    public const int MaxDays = 36_500;

    private static readonly string[] Statuses = ["scored", "insufficient-data", "not-scored"];

    private static readonly string FieldNames = string.Join(", ", AudienceFields.All.Select(f => f.Name));

    private static readonly string ConditionShapes =
        "a condition is {\"field\": ..., \"op\": ..., \"value\": ...}, {\"all\": [...]}, {\"any\": [...]} or {\"enteredBand\": \"high\", \"withinDays\": 7}";

    /// <summary>Reads a filter from JSON text (comments allowed).</summary>
    public static AudienceReadResult Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return Read(document.RootElement);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : string.Empty;
            return new AudienceReadResult(null, [new AudienceProblem(string.Empty, $"not valid JSON{where}: fix the syntax first")]);
        }
    }

    /// <summary>Reads a filter already parsed as JSON: <c>{"all":[...]}</c> or <c>{"any":[...]}</c>.</summary>
    public static AudienceReadResult Read(JsonElement json)
    {
        var reading = new Reading();
        var filter = reading.Root(json);
        return reading.Problems.Count == 0 && filter is not null
            ? new AudienceReadResult(filter, [])
            : new AudienceReadResult(null, reading.Problems);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:\d{2}))?$")]
    private static partial Regex IsoInstant();

    /// <summary>One read, collecting problems as it goes.</summary>
    private sealed class Reading
    {
        private int _conditions;
        private bool _tooManyReported;

        public List<AudienceProblem> Problems { get; } = [];

        public AudienceFilter? Root(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Add(string.Empty, $"is {Describe(element)}; an audience is an object {{\"all\": [conditions]}} or {{\"any\": [conditions]}}");
                return null;
            }

            if (!IsGroup(element))
            {
                Add(string.Empty, element.TryGetProperty("field", out _) || element.TryGetProperty("enteredBand", out _)
                    ? "is a single condition; wrap it in a group: {\"all\": [ ...the condition... ]}"
                    : "has no \"all\" or \"any\"; an audience is {\"all\": [conditions]} (every one holds) or {\"any\": [conditions]} (at least one holds)");
                return null;
            }

            return Group(element, string.Empty, 1);
        }

        private static bool IsGroup(JsonElement element) =>
            element.TryGetProperty("all", out _) || element.TryGetProperty("any", out _);

        private AudienceFilter? Group(JsonElement element, string path, int depth)
        {
            if (depth > MaxDepth)
            {
                Add(path, $"nests groups {depth} deep; at most {MaxDepth} levels are allowed: flatten the inner groups (all inside all is the same as one all)");
                return null;
            }

            string? key = null;
            var extra = false;
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name is "all" or "any")
                {
                    if (key is not null)
                    {
                        Add(Join(path, property.Name), $"a group has either \"all\" or \"any\", not both; nest one inside the other, e.g. {{\"all\": [ ..., {{\"any\": [...]}} ]}}");
                        return null;
                    }

                    key = property.Name;
                }
                else
                {
                    Add(Join(path, property.Name), $"unknown key '{property.Name}' in a group; a group has only \"all\" or \"any\" with a list of conditions");
                    extra = true;
                }
            }

            if (key is null)
            {
                return null;
            }

            var listPath = Join(path, key);
            var list = element.GetProperty(key);
            if (list.ValueKind != JsonValueKind.Array)
            {
                Add(listPath, $"is {Describe(list)}; give a list of conditions, e.g. \"{key}\": [ {{\"field\": \"band\", \"op\": \"eq\", \"value\": \"high\"}} ]");
                return null;
            }

            if (list.GetArrayLength() == 0)
            {
                Add(listPath, "is empty; give at least one condition, or leave the group out");
                return null;
            }

            var conditions = new List<AudienceCondition>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var itemPath = $"{listPath}[{index++}]";
                if (++_conditions > MaxConditions)
                {
                    if (!_tooManyReported)
                    {
                        _tooManyReported = true;
                        Add(itemPath, $"is more than {MaxConditions} conditions in one audience; use in/notIn for lists of values, or split the audience");
                    }

                    continue;
                }

                if (Condition(item, itemPath, depth) is { } condition)
                {
                    conditions.Add(condition);
                }
            }

            return !extra && conditions.Count == list.GetArrayLength()
                ? new AudienceFilter(key == "all" ? AudienceCombinator.All : AudienceCombinator.Any, conditions.AsReadOnly())
                : null;
        }

        private AudienceCondition? Condition(JsonElement element, string path, int depth)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Add(path, $"is {Describe(element)}; {ConditionShapes}");
                return null;
            }

            if (IsGroup(element))
            {
                return Group(element, path, depth + 1) is { } group ? new AudienceGroupCondition(group) : null;
            }

            if (element.TryGetProperty("enteredBand", out _))
            {
                return EnteredBand(element, path);
            }

            if (element.TryGetProperty("field", out _))
            {
                return FieldCondition(element, path);
            }

            var names = string.Join(", ", element.EnumerateObject().Select(p => $"'{p.Name}'"));
            Add(path, names.Length == 0 ? $"is an empty object; {ConditionShapes}" : $"has {names} but no \"field\", \"all\", \"any\" or \"enteredBand\"; {ConditionShapes}");
            return null;
        }

        private AudienceEnteredBandCondition? EnteredBand(JsonElement element, string path)
        {
            var ok = true;
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name is not ("enteredBand" or "withinDays"))
                {
                    Add(Join(path, property.Name), $"unknown key '{property.Name}'; an enteredBand condition has only \"enteredBand\" and \"withinDays\", e.g. {{\"enteredBand\": \"high\", \"withinDays\": 7}}");
                    ok = false;
                }
            }

            var band = Band(element.GetProperty("enteredBand"), Join(path, "enteredBand"));
            int? within = null;
            var withinPath = Join(path, "withinDays");
            if (!element.TryGetProperty("withinDays", out var withinElement))
            {
                Add(withinPath, $"is missing; say how many days back to look, a whole number from 1 to {MaxWithinDays}, e.g. \"withinDays\": 7");
            }
            else if (withinElement.ValueKind != JsonValueKind.Number || !withinElement.TryGetInt32(out var days))
            {
                Add(withinPath, $"is {Describe(withinElement)}; write a whole number of days from 1 to {MaxWithinDays}, e.g. 7");
            }
            else if (days < 1 || days > MaxWithinDays)
            {
                Add(withinPath, $"{days} is out of range; write a whole number of days from 1 to {MaxWithinDays} (band transitions are kept for that long)");
            }
            else
            {
                within = days;
            }

            return ok && band is { } b && within is { } w ? new AudienceEnteredBandCondition(b, w) : null;
        }

        private AudienceFieldCondition? FieldCondition(JsonElement element, string path)
        {
            var ok = true;
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name is not ("field" or "op" or "value"))
                {
                    Add(Join(path, property.Name), $"unknown key '{property.Name}'; a field condition has only \"field\", \"op\" and \"value\", e.g. {{\"field\": \"valueAtRisk\", \"op\": \"gte\", \"value\": 50}}");
                    ok = false;
                }
            }

            var fieldPath = Join(path, "field");
            var fieldElement = element.GetProperty("field");
            AudienceFieldInfo? field = null;
            if (fieldElement.ValueKind != JsonValueKind.String)
            {
                Add(fieldPath, $"is {Describe(fieldElement)}; name a field as a string, one of: {FieldNames}");
            }
            else if (AudienceFields.Find(fieldElement.GetString()!) is { } found)
            {
                field = found;
            }
            else
            {
                var name = fieldElement.GetString()!;
                var suggestion = Suggest(name, AudienceFields.All.Select(f => f.Name));
                Add(fieldPath, $"unknown field '{Clip(name)}'{(suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?")} known: {FieldNames}");
            }

            var opPath = Join(path, "op");
            AudienceOperator? op = null;
            if (!element.TryGetProperty("op", out var opElement))
            {
                Add(opPath, field is null
                    ? "is missing; give an operator such as eq, gte or in"
                    : $"is missing; {field.Name} takes {OperatorList(field)}");
            }
            else if (opElement.ValueKind != JsonValueKind.String || AudienceFields.FindOperator(opElement.GetString()!) is not { } parsed)
            {
                var shown = opElement.ValueKind == JsonValueKind.String ? $"unknown operator '{Clip(opElement.GetString()!)}'" : $"is {Describe(opElement)}, not an operator";
                Add(opPath, field is null
                    ? $"{shown}; use one of {string.Join(", ", Enum.GetValues<AudienceOperator>().Select(AudienceFields.Name))}"
                    : $"{shown}; {field.Name} takes {OperatorList(field)}");
            }
            else if (field is not null && !AudienceFields.OperatorsFor(field.Kind).Contains(parsed))
            {
                Add(opPath, $"'{AudienceFields.Name(parsed)}' does not apply to {field.Name} ({KindName(field.Kind)}); it takes {OperatorList(field)}");
            }
            else
            {
                op = parsed;
            }

            var valuePath = Join(path, "value");
            if (!element.TryGetProperty("value", out var valueElement))
            {
                Add(valuePath, op is { } known && field is not null
                    ? $"is missing; {ValueShape(field, known)}"
                    : "is missing; give the value to compare with");
                return null;
            }

            if (field is null || op is not { } theOp)
            {
                return null;
            }

            var values = Values(field, theOp, valueElement, valuePath);
            return ok && values is not null ? new AudienceFieldCondition(field, theOp, values) : null;
        }

        private object[]? Values(AudienceFieldInfo field, AudienceOperator op, JsonElement element, string path)
        {
            switch (op)
            {
                case AudienceOperator.Exists:
                    if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        return [element.GetBoolean()];
                    }

                    Add(path, $"is {Describe(element)}; exists takes true (the customer has a {field.Name}) or false (it is empty)");
                    return null;

                case AudienceOperator.In or AudienceOperator.NotIn:
                    {
                        if (element.ValueKind != JsonValueKind.Array)
                        {
                            Add(path, $"is {Describe(element)}; {AudienceFields.Name(op)} takes a list, e.g. {Example(field, list: true)}");
                            return null;
                        }

                        var count = element.GetArrayLength();
                        if (count == 0 || count > MaxListValues)
                        {
                            Add(path, count == 0
                                ? $"is an empty list; give at least one value, e.g. {Example(field, list: true)}"
                                : $"has {count} values; at most {MaxListValues} are allowed");
                            return null;
                        }

                        var values = new object[count];
                        var i = 0;
                        var good = true;
                        foreach (var item in element.EnumerateArray())
                        {
                            if (Scalar(field, item, $"{path}[{i}]") is { } value)
                            {
                                values[i] = value;
                            }
                            else
                            {
                                good = false;
                            }

                            i++;
                        }

                        return good ? values : null;
                    }

                case AudienceOperator.Between:
                    {
                        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 2)
                        {
                            Add(path, $"is {Describe(element)}; between takes a list of two values [low, high], e.g. {Example(field, between: true)}");
                            return null;
                        }

                        var low = Scalar(field, element[0], path + "[0]");
                        var high = Scalar(field, element[1], path + "[1]");
                        if (low is null || high is null)
                        {
                            return null;
                        }

                        if (Comparer<object>.Default.Compare(low, high) > 0)
                        {
                            Add(path, $"the low end {Show(low)} is above the high end {Show(high)}; write [low, high]");
                            return null;
                        }

                        return [low, high];
                    }

                default:
                    {
                        if (element.ValueKind == JsonValueKind.Array)
                        {
                            Add(path, $"is a list; {AudienceFields.Name(op)} compares with one value, e.g. {Example(field)} (use in for a list)");
                            return null;
                        }

                        return Scalar(field, element, path) is { } value ? [value] : null;
                    }
            }
        }

        private object? Scalar(AudienceFieldInfo field, JsonElement element, string path)
        {
            switch (field.Kind)
            {
                case AudienceFieldKind.Band:
                    return Band(element, path) is { } band ? BandName(band) : null;

                case AudienceFieldKind.Status:
                    {
                        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : null;
                        if (text is not null && Statuses.Contains(text))
                        {
                            return text;
                        }

                        Add(path, $"{(text is null ? "is " + Describe(element) : $"'{Clip(text)}' is not a status")}; use scored, insufficient-data or not-scored");
                        return null;
                    }

                case AudienceFieldKind.Text:
                    {
                        if (element.ValueKind != JsonValueKind.String)
                        {
                            Add(path, $"is {Describe(element)}; {field.Name} is text: write a string, e.g. {Example(field)}");
                            return null;
                        }

                        var text = element.GetString()!;
                        if (text.Length == 0 || text.Length > MaxTextLength)
                        {
                            Add(path, text.Length == 0 ? "is empty; write the text to compare with, or use exists false for customers without one" : $"is longer than {MaxTextLength} characters");
                            return null;
                        }

                        return text;
                    }

                case AudienceFieldKind.Number:
                    {
                        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var number) || !double.IsFinite(number))
                        {
                            Add(path, $"is {Describe(element)}; {field.Name} is a number: write it without quotes, e.g. {Example(field)}");
                            return null;
                        }

                        if (field.Range is { } range && (number < range.Low || number > range.High))
                        {
                            Add(path, $"{Show(number)} is outside {Show(range.Low)} to {Show(range.High)}, the range of {field.Name}; e.g. {Example(field)}");
                            return null;
                        }

                        return number;
                    }

                case AudienceFieldKind.Integer or AudienceFieldKind.Days:
                    {
                        var max = field.Kind == AudienceFieldKind.Days ? MaxDays : int.MaxValue;
                        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var whole))
                        {
                            Add(path, $"is {Describe(element)}; {field.Name} is a whole number{(field.Kind == AudienceFieldKind.Days ? " of days" : string.Empty)}: write it without quotes or decimals, e.g. {Example(field)}");
                            return null;
                        }

                        if (whole < 0 || whole > max)
                        {
                            Add(path, $"{whole} is out of range; {field.Name} is a whole number from 0 to {max}");
                            return null;
                        }

                        return whole;
                    }

                case AudienceFieldKind.Money:
                    {
                        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDecimal(out var amount))
                        {
                            Add(path, $"is {Describe(element)}; {field.Name} is an amount: write a number without quotes, e.g. {Example(field)}");
                            return null;
                        }

                        return amount;
                    }

                case AudienceFieldKind.Timestamp:
                    {
                        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : null;
                        if (text is not null && IsoInstant().IsMatch(text)
                            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
                        {
                            return instant.ToUniversalTime();
                        }

                        Add(path, $"{(text is null ? "is " + Describe(element) : $"'{Clip(text)}' is not an ISO 8601 date")}; write a date or a date and time with its offset, e.g. {Example(field)}");
                        return null;
                    }

                default:
                    throw new InvalidOperationException($"Unhandled field kind {field.Kind}.");
            }
        }

        private RiskBand? Band(JsonElement element, string path)
        {
            var text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
            switch (text)
            {
                case "low":
                    return RiskBand.Low;
                case "medium":
                    return RiskBand.Medium;
                case "high":
                    return RiskBand.High;
                default:
                    Add(path, $"{(text is null ? "is " + Describe(element) : $"'{Clip(text)}' is not a band")}; use low, medium or high");
                    return null;
            }
        }

        private void Add(string path, string message) => Problems.Add(new AudienceProblem(path, message));

        private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

        private static string OperatorList(AudienceFieldInfo field) =>
            string.Join(", ", AudienceFields.OperatorsFor(field.Kind).Select(AudienceFields.Name));

        private static string ValueShape(AudienceFieldInfo field, AudienceOperator op) => op switch
        {
            AudienceOperator.Exists => "exists takes true or false",
            AudienceOperator.In or AudienceOperator.NotIn => $"give a list, e.g. \"value\": {Example(field, list: true)}",
            AudienceOperator.Between => $"give [low, high], e.g. \"value\": {Example(field, between: true)}",
            _ => $"give one value, e.g. \"value\": {Example(field)}",
        };

        private static string KindName(AudienceFieldKind kind) => kind switch
        {
            AudienceFieldKind.Text => "text",
            AudienceFieldKind.Band => "a band",
            AudienceFieldKind.Status => "a status",
            AudienceFieldKind.Number => "a number",
            AudienceFieldKind.Integer => "a whole number",
            AudienceFieldKind.Money => "an amount",
            AudienceFieldKind.Timestamp => "a date",
            AudienceFieldKind.Days => "a number of days",
            _ => kind.ToString(),
        };

        private static string Example(AudienceFieldInfo field, bool list = false, bool between = false)
        {
            var (one, two) = field.Kind switch
            {
                AudienceFieldKind.Band => ("\"high\"", "\"medium\""),
                AudienceFieldKind.Status => ("\"scored\"", "\"insufficient-data\""),
                AudienceFieldKind.Text => field.Name switch
                {
                    "country" => ("\"DE\"", "\"FR\""),
                    "timeZone" => ("\"Europe/Berlin\"", "\"Europe/Paris\""),
                    "modelVersion" => ("\"churn-v3\"", "\"churn-v4\""),
                    _ => ("\"shoes\"", "\"bags\""),
                },
                AudienceFieldKind.Timestamp => ("\"2026-11-01\"", "\"2026-12-01T00:00:00Z\""),
                AudienceFieldKind.Days => ("30", "90"),
                AudienceFieldKind.Integer => ("2", "10"),
                _ when field.Range is { High: 1 } => ("0.7", "0.9"),
                _ => ("50", "200"),
            };
            return list || between ? $"[{one}, {two}]" : one;
        }

        private static string Describe(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.String => $"the string \"{Clip(element.GetString()!)}\"",
            JsonValueKind.Number => $"the number {element.GetRawText()}",
            JsonValueKind.True or JsonValueKind.False => $"{element.GetRawText()}",
            JsonValueKind.Null => "null",
            JsonValueKind.Array => $"a list of {element.GetArrayLength()}",
            JsonValueKind.Object => "an object",
            _ => element.ValueKind.ToString(),
        };

        private static string Show(object value) => value switch
        {
            double d => d.ToString(CultureInfo.InvariantCulture),
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
            string s => $"'{s}'",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        };

        private static string Clip(string text) => text.Length <= 60 ? text : text[..57] + "...";

        private static string BandName(RiskBand band) => band.ToString().ToLowerInvariant();

        /// <summary>The known name closest to <paramref name="name"/> by edit distance, when it is close enough to be a typo.</summary>
        private static string? Suggest(string name, IEnumerable<string> known)
        {
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var candidate in known)
            {
                var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
                if (distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }

            return bestDistance <= Math.Max(1, name.Length / 3) ? best : null;
        }

        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                (previous, current) = (current, previous);
            }

            return previous[b.Length];
        }
    }
}
