using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChurnActors.Domain.Risk;

namespace ChurnActors.Retention.Playbooks;

/// <summary>
/// Reads a playbook file and checks it, reporting every problem at once with the JSON path it is at. Unknown fields
/// are refused (a misspelt optional field would otherwise silently fall back to its default). Defaults fill what is
/// left out. Written by hand over <see cref="JsonElement"/> rather than with the serializer's own checks, which stop
/// at the first problem and do not name the path in words a person can act on.
/// </summary>
public static partial class PlaybookReader
{
    /// <summary>The most steps a playbook may have.</summary>
    public const int MaxSteps = 20;

    private const int MaxOutcomeWindowDays = 365;

    private static readonly string[] TopLevelFields =
        ["id", "name", "enabled", "entry", "steps", "exit", "reentry", "priority", "holdout", "outcomeWindowDays"];

    private static readonly string[] EntryFields = ["to", "from", "filters"];

    private static readonly string[] FilterFields =
    [
        "minOrders", "minNetRevenue", "minClv", "minProbabilityAlive", "maxProbabilityAlive",
        "minDaysSinceLastOrder", "maxDaysSinceLastOrder", "topCategory", "country",
    ];

    private static readonly string[] StepFields = ["id", "delay", "action", "channel"];

    private static readonly string[] ActionFields = ["type", "endpoint", "payload", "coupon"];

    private static readonly string[] CouponFields = ["amount", "shareOfClv", "cap", "currency"];

    private static readonly string[] ExitFields = ["goalEvent", "onBandExit"];

    private static readonly string[] ReentryFields = ["mode", "cooldownDays"];

    /// <summary>Reads <paramref name="json"/> (the text of a playbook file).</summary>
    public static PlaybookReadResult Read(string json)
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
            return new PlaybookReadResult(null, [new PlaybookProblem("(file)", $"not valid JSON{where}: fix the syntax first")]);
        }
    }

    /// <summary>Reads a playbook already parsed as JSON.</summary>
    public static PlaybookReadResult Read(JsonElement root)
    {
        var problems = new List<PlaybookProblem>();
        var definition = new Reading(problems).Playbook(root);
        return problems.Count == 0 && definition is not null
            ? new PlaybookReadResult(definition, [])
            : new PlaybookReadResult(null, problems);
    }

    /// <summary>
    /// Reads an action object (a webhook or an offer, as in a playbook step) found at <paramref name="path"/>, adding
    /// its problems to <paramref name="problems"/>: campaigns take their action in the same format.
    /// </summary>
    public static PlaybookAction? ReadAction(JsonElement element, string path, List<PlaybookProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return new Reading(problems).Action(element, path);
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex Name();

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex Channel();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Currency();

    /// <summary>One read, collecting problems as it goes.</summary>
    private sealed class Reading(List<PlaybookProblem> problems)
    {
        public PlaybookDefinition? Playbook(JsonElement root)
        {
            if (!Object(root, "(file)", TopLevelFields, "a playbook"))
            {
                return null;
            }

            var id = Text(root, "id", "id", required: true);
            if (id is not null && (id.Length > 64 || !Slug().IsMatch(id)))
            {
                Add("id", $"'{id}' is not a slug; use lower-case letters, digits and hyphens, starting with a letter (at most 64), e.g. winback-high-value");
            }

            var name = Text(root, "name", "name", required: true);
            if (name is not null && name.Length > 200)
            {
                Add("name", "is longer than 200 characters; keep the name short and put details elsewhere");
            }

            var enabled = Bool(root, "enabled", "enabled") ?? true;
            var outcomeWindow = Int(root, "outcomeWindowDays", "outcomeWindowDays", 1, MaxOutcomeWindowDays) ?? PlaybookDefinition.DefaultOutcomeWindowDays;
            var entry = Property(root, "entry", out var entryElement) ? Entry(entryElement, "entry") : Missing<PlaybookEntry>("entry", "say which band transition opens an episode, e.g. \"entry\": { \"to\": \"high\" }");
            var steps = Property(root, "steps", out var stepsElement) ? Steps(stepsElement, "steps", outcomeWindow) : Missing<List<PlaybookStep>>("steps", "give at least one step, e.g. \"steps\": [ { \"id\": \"offer\", \"delay\": \"0\", \"action\": { ... } } ]");
            var exit = Property(root, "exit", out var exitElement) ? Exit(exitElement, "exit") : new PlaybookExit();
            var reentry = Property(root, "reentry", out var reentryElement) ? Reentry(reentryElement, "reentry") : new PlaybookReentry();
            var priority = Int(root, "priority", "priority", int.MinValue, int.MaxValue) ?? 0;
            var holdout = Double(root, "holdout", "holdout", 0, PlaybookDefinition.MaxHoldout, "a share between 0 and 0.5, e.g. 0.1 for 10%") ?? PlaybookDefinition.DefaultHoldout;

            if (problems.Count > 0 || id is null || name is null || entry is null || steps is null || exit is null || reentry is null)
            {
                return null;
            }

            return new PlaybookDefinition
            {
                Id = id,
                Name = name,
                Enabled = enabled,
                Entry = entry,
                Steps = steps,
                Exit = exit,
                Reentry = reentry,
                Priority = priority,
                Holdout = holdout,
                OutcomeWindowDays = outcomeWindow,
            };
        }

        private PlaybookEntry? Entry(JsonElement element, string path)
        {
            if (!Object(element, path, EntryFields, "the entry transition"))
            {
                return null;
            }

            RiskBand? to = null;
            if (Property(element, "to", out var toElement))
            {
                to = Band(toElement, path + ".to");
            }
            else
            {
                Add(path + ".to", "is missing; name the band entered: low, medium or high");
            }

            var from = new List<RiskBand>();
            if (Property(element, "from", out var fromElement))
            {
                foreach (var (item, itemPath) in OneOrMany(fromElement, path + ".from", "a band or a list of bands"))
                {
                    if (Band(item, itemPath) is { } band)
                    {
                        if (band == to)
                        {
                            Add(itemPath, $"'{Lower(band)}' is the band entered; an entry comes from another band");
                        }
                        else if (!from.Contains(band))
                        {
                            from.Add(band);
                        }
                    }
                }
            }

            var filters = Property(element, "filters", out var filtersElement) ? Filters(filtersElement, path + ".filters") : new PlaybookFilters();
            return to is { } entered && filters is not null ? new PlaybookEntry { To = entered, From = from, Filters = filters } : null;
        }

        private PlaybookFilters? Filters(JsonElement element, string path)
        {
            if (!Object(element, path, FilterFields, "conditions on the customer's state"))
            {
                return null;
            }

            var filters = new PlaybookFilters
            {
                MinOrders = Int(element, "minOrders", path + ".minOrders", 0, int.MaxValue),
                MinNetRevenue = Decimal(element, "minNetRevenue", path + ".minNetRevenue", allowNegative: true),
                MinClv = Decimal(element, "minClv", path + ".minClv", allowNegative: true),
                MinProbabilityAlive = Double(element, "minProbabilityAlive", path + ".minProbabilityAlive", 0, 1, "a probability between 0 and 1"),
                MaxProbabilityAlive = Double(element, "maxProbabilityAlive", path + ".maxProbabilityAlive", 0, 1, "a probability between 0 and 1"),
                MinDaysSinceLastOrder = Int(element, "minDaysSinceLastOrder", path + ".minDaysSinceLastOrder", 0, 36_500),
                MaxDaysSinceLastOrder = Int(element, "maxDaysSinceLastOrder", path + ".maxDaysSinceLastOrder", 0, 36_500),
                TopCategory = Texts(element, "topCategory", path + ".topCategory"),
                Country = Texts(element, "country", path + ".country"),
            };
            if (filters.MinProbabilityAlive > filters.MaxProbabilityAlive)
            {
                Add(path + ".minProbabilityAlive", $"{Format(filters.MinProbabilityAlive)} is above maxProbabilityAlive {Format(filters.MaxProbabilityAlive)}; no customer could enter");
            }

            if (filters.MinDaysSinceLastOrder > filters.MaxDaysSinceLastOrder)
            {
                Add(path + ".minDaysSinceLastOrder", $"{filters.MinDaysSinceLastOrder} is above maxDaysSinceLastOrder {filters.MaxDaysSinceLastOrder}; no customer could enter");
            }

            return filters;
        }

        private List<PlaybookStep>? Steps(JsonElement element, string path, int outcomeWindowDays)
        {
            if (element.ValueKind != JsonValueKind.Array)
            {
                Add(path, $"is {Kind(element)}; expected a list of steps");
                return null;
            }

            var count = element.GetArrayLength();
            if (count == 0)
            {
                Add(path, "is empty; give at least one step");
                return null;
            }

            if (count > MaxSteps)
            {
                Add(path, $"has {count} steps; at most {MaxSteps} are allowed");
            }

            var steps = new List<PlaybookStep>();
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            (TimeSpan Delay, string Text, int Index)? previous = null;
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                var stepPath = $"{path}[{index}]";
                if (Step(item, stepPath) is { } step)
                {
                    steps.Add(step);
                    if (ids.TryGetValue(step.Id, out var first))
                    {
                        Add(stepPath + ".id", $"'{step.Id}' is also the id of {path}[{first}]; step ids must be unique within the playbook");
                    }
                    else
                    {
                        ids[step.Id] = index;
                    }

                    var delay = step.DelayTime;
                    if (previous is { } before && delay < before.Delay)
                    {
                        Add(stepPath + ".delay", $"'{step.Delay}' is earlier than {path}[{before.Index}]'s '{before.Text}'; list the steps in the order they fire");
                    }

                    if (delay > TimeSpan.FromDays(outcomeWindowDays))
                    {
                        Add(stepPath + ".delay", $"'{step.Delay}' is after the {outcomeWindowDays}-day outcome window; its effect would not be measured (shorten the delay or lengthen outcomeWindowDays)");
                    }

                    previous = (delay, step.Delay, index);
                }

                index++;
            }

            return steps.Count == count ? steps : null;
        }

        private PlaybookStep? Step(JsonElement element, string path)
        {
            if (!Object(element, path, StepFields, "a step"))
            {
                return null;
            }

            var id = Text(element, "id", path + ".id", required: true);
            if (id is not null && (id.Length > 64 || !Name().IsMatch(id)))
            {
                Add(path + ".id", $"'{id}' is not a step id; use letters, digits, '-', '_' or '.' (at most 64), e.g. first-offer");
            }

            var delay = "0";
            if (Property(element, "delay", out var delayElement))
            {
                delay = delayElement.ValueKind switch
                {
                    JsonValueKind.String => delayElement.GetString()!,
                    JsonValueKind.Number => delayElement.GetRawText(),
                    _ => string.Empty,
                };
                if (!PlaybookDelay.TryParse(delay, out var parsed))
                {
                    var shown = delayElement.ValueKind == JsonValueKind.String ? $"'{delay}'" : delayElement.GetRawText();
                    Add(path + ".delay", $"{shown} is not a duration; use e.g. 0, 30m, 12h, 3d");
                    delay = "0";
                }
                else if (parsed > PlaybookDelay.Longest)
                {
                    Add(path + ".delay", $"'{delay}' is longer than a year; use at most 365d");
                }
            }

            var channel = Text(element, "channel", path + ".channel", required: false) ?? PlaybookStep.DefaultChannel;
            if (!Channel().IsMatch(channel))
            {
                Add(path + ".channel", $"'{channel}' is not a channel name; use lower-case letters, digits and hyphens, e.g. email, sms, push");
            }

            var action = Property(element, "action", out var actionElement)
                ? Action(actionElement, path + ".action")
                : Missing<PlaybookAction>(path + ".action", "say what the step does, e.g. { \"type\": \"webhook\", \"endpoint\": \"crm\" }");
            return id is not null && action is not null ? new PlaybookStep { Id = id, Delay = delay, Action = action, Channel = channel } : null;
        }

        public PlaybookAction? Action(JsonElement element, string path)
        {
            if (!Object(element, path, ActionFields, "an action"))
            {
                return null;
            }

            PlaybookActionType? type = null;
            var typeText = Text(element, "type", path + ".type", required: true);
            switch (typeText)
            {
                case null:
                    break;
                case "webhook":
                    type = PlaybookActionType.Webhook;
                    break;
                case "offer":
                    type = PlaybookActionType.Offer;
                    break;
                default:
                    Add(path + ".type", $"'{typeText}' is not an action type; use webhook or offer");
                    break;
            }

            var endpoint = Text(element, "endpoint", path + ".endpoint", required: true);
            if (endpoint is not null && (endpoint.Length > 100 || !Name().IsMatch(endpoint)))
            {
                Add(path + ".endpoint", $"'{endpoint}' is not an endpoint name; name an endpoint configured under ChurnActors:Retention:Endpoints (letters, digits, '-', '_', '.')");
            }

            var payload = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (Property(element, "payload", out var payloadElement))
            {
                if (payloadElement.ValueKind != JsonValueKind.Object)
                {
                    Add(path + ".payload", $"is {Kind(payloadElement)}; expected an object of extra payload fields");
                }
                else
                {
                    foreach (var field in payloadElement.EnumerateObject())
                    {
                        payload[field.Name] = field.Value.Clone();
                    }
                }
            }

            PlaybookCoupon? coupon = null;
            var hasCoupon = Property(element, "coupon", out var couponElement);
            if (type == PlaybookActionType.Offer)
            {
                coupon = hasCoupon
                    ? Coupon(couponElement, path + ".coupon")
                    : Missing<PlaybookCoupon>(path + ".coupon", "an offer needs a coupon, e.g. { \"amount\": 10, \"currency\": \"EUR\" }");
            }
            else if (type == PlaybookActionType.Webhook && hasCoupon)
            {
                Add(path + ".coupon", "a webhook carries no coupon; use \"type\": \"offer\" to send one");
            }

            return type is { } t && endpoint is not null && (t == PlaybookActionType.Webhook || coupon is not null)
                ? new PlaybookAction { Type = t, Endpoint = endpoint, Payload = payload, Coupon = coupon }
                : null;
        }

        private PlaybookCoupon? Coupon(JsonElement element, string path)
        {
            if (!Object(element, path, CouponFields, "a coupon"))
            {
                return null;
            }

            var amount = Decimal(element, "amount", path + ".amount", allowNegative: false);
            var share = Double(element, "shareOfClv", path + ".shareOfClv", 0, 1, "a share of the customer's CLV between 0 and 1, e.g. 0.1");
            var cap = Decimal(element, "cap", path + ".cap", allowNegative: false);
            var currency = Text(element, "currency", path + ".currency", required: true);
            var problemsBefore = problems.Count;
            if (amount == 0)
            {
                Add(path + ".amount", "is 0; a coupon is worth something");
            }

            if (share == 0)
            {
                Add(path + ".shareOfClv", "is 0; a coupon is worth something");
            }

            var hasAmount = element.TryGetProperty("amount", out _);
            var hasShare = element.TryGetProperty("shareOfClv", out _);
            if (hasAmount == hasShare)
            {
                Add(path, hasAmount
                    ? "gives both amount and shareOfClv; give one: a fixed amount, or a share of CLV with a cap"
                    : "gives neither amount nor shareOfClv; give a fixed amount, or a share of CLV with a cap");
            }
            else if (hasShare && !element.TryGetProperty("cap", out _))
            {
                Add(path + ".cap", "is missing; a share of CLV needs a cap, the most the coupon may be worth");
            }
            else if (hasAmount && element.TryGetProperty("cap", out _))
            {
                Add(path + ".cap", "goes with shareOfClv only; a fixed amount is its own cap");
            }

            if (currency is not null && !Currency().IsMatch(currency))
            {
                Add(path + ".currency", $"'{currency}' is not an ISO 4217 code; use three capital letters, e.g. EUR, USD");
            }

            return problems.Count == problemsBefore && currency is not null
                ? new PlaybookCoupon { Amount = amount, ShareOfClv = share, Cap = cap, Currency = currency }
                : null;
        }

        private PlaybookExit? Exit(JsonElement element, string path)
        {
            if (!Object(element, path, ExitFields, "the exit rule"))
            {
                return null;
            }

            return new PlaybookExit
            {
                GoalEvent = Text(element, "goalEvent", path + ".goalEvent", required: false) ?? PlaybookExit.DefaultGoalEvent,
                OnBandExit = Bool(element, "onBandExit", path + ".onBandExit") ?? true,
            };
        }

        private PlaybookReentry? Reentry(JsonElement element, string path)
        {
            if (!Object(element, path, ReentryFields, "the re-entry rule"))
            {
                return null;
            }

            var modeText = Text(element, "mode", path + ".mode", required: false);
            var days = Int(element, "cooldownDays", path + ".cooldownDays", 1, 3_650);
            ReentryMode? mode = modeText switch
            {
                null => ReentryMode.Cooldown,
                "never" => ReentryMode.Never,
                "afterExit" => ReentryMode.AfterExit,
                "cooldown" => ReentryMode.Cooldown,
                _ => null,
            };
            if (mode is null)
            {
                Add(path + ".mode", $"'{modeText}' is not a re-entry mode; use never, afterExit or cooldown (with cooldownDays)");
                return null;
            }

            if (mode != ReentryMode.Cooldown && element.TryGetProperty("cooldownDays", out _))
            {
                Add(path + ".cooldownDays", $"goes with mode cooldown only, not {modeText}");
            }

            return new PlaybookReentry
            {
                Mode = mode.Value,
                CooldownDays = mode == ReentryMode.Cooldown ? days ?? PlaybookDefinition.DefaultOutcomeWindowDays : null,
            };
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
                    Add(path, $"{Shown(element)} is not a band; use low, medium or high");
                    return null;
            }
        }

        private bool Object(JsonElement element, string path, string[] fields, string what)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Add(path, $"is {Kind(element)}; expected an object ({what})");
                return false;
            }

            foreach (var property in element.EnumerateObject())
            {
                if (!fields.Contains(property.Name, StringComparer.Ordinal))
                {
                    var at = path == "(file)" ? property.Name : $"{path}.{property.Name}";
                    var near = fields.FirstOrDefault(f => Distance(f.ToUpperInvariant(), property.Name.ToUpperInvariant()) <= 2);
                    Add(at, near is not null
                        ? $"unknown field; did you mean '{near}'? (names are case-sensitive)"
                        : $"unknown field; {what} has {string.Join(", ", fields)}");
                }
            }

            return true;
        }

        /// <summary>The Levenshtein distance, to suggest the field a misspelt name meant.</summary>
        private static int Distance(string a, string b)
        {
            var previous = Enumerable.Range(0, b.Length + 1).ToArray();
            for (var i = 1; i <= a.Length; i++)
            {
                var current = new int[b.Length + 1];
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                }

                previous = current;
            }

            return previous[b.Length];
        }

        private static bool Property(JsonElement element, string name, out JsonElement value) =>
            element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

        private string? Text(JsonElement element, string name, string path, bool required)
        {
            if (!Property(element, name, out var value))
            {
                if (required)
                {
                    Add(path, "is missing");
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Add(path, $"is {Kind(value)}; expected a string");
                return null;
            }

            var text = value.GetString()!;
            if (string.IsNullOrWhiteSpace(text))
            {
                Add(path, "is empty");
                return null;
            }

            return text;
        }

        private List<string> Texts(JsonElement element, string name, string path)
        {
            var texts = new List<string>();
            if (Property(element, name, out var value))
            {
                foreach (var (item, itemPath) in OneOrMany(value, path, "a string or a list of strings"))
                {
                    if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
                    {
                        Add(itemPath, $"is {Kind(item)}; expected a non-empty string");
                    }
                    else
                    {
                        texts.Add(item.GetString()!);
                    }
                }
            }

            return texts;
        }

        private IEnumerable<(JsonElement Item, string Path)> OneOrMany(JsonElement element, string path, string what)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                if (element.GetArrayLength() == 0)
                {
                    Add(path, $"is an empty list; leave the field out, or give {what}");
                }

                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    yield return (item, $"{path}[{index++}]");
                }
            }
            else
            {
                yield return (element, path);
            }
        }

        private bool? Bool(JsonElement element, string name, string path)
        {
            if (!Property(element, name, out var value))
            {
                return null;
            }

            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return value.GetBoolean();
            }

            Add(path, $"is {Kind(value)}; expected true or false");
            return null;
        }

        private int? Int(JsonElement element, string name, string path, int min, int max)
        {
            if (!Property(element, name, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            {
                Add(path, $"is {Shown(value)}; expected a whole number");
                return null;
            }

            if (number < min || number > max)
            {
                Add(path, max == int.MaxValue
                    ? $"is {number}; expected at least {min}"
                    : $"is {number}; expected {min} to {max}");
                return null;
            }

            return number;
        }

        private double? Double(JsonElement element, string name, string path, double min, double max, string what)
        {
            if (!Property(element, name, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || number < min || number > max)
            {
                Add(path, $"is {Shown(value)}; expected {what}");
                return null;
            }

            return number;
        }

        private decimal? Decimal(JsonElement element, string name, string path, bool allowNegative)
        {
            if (!Property(element, name, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
            {
                Add(path, $"is {Shown(value)}; expected a number");
                return null;
            }

            if (!allowNegative && number < 0)
            {
                Add(path, $"is {Shown(value)}; expected a positive number");
                return null;
            }

            return number;
        }

        private T? Missing<T>(string path, string hint)
            where T : class
        {
            Add(path, "is missing; " + hint);
            return null;
        }

        private void Add(string path, string message) => problems.Add(new PlaybookProblem(path, message));

        private static string Kind(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "a list",
            JsonValueKind.String => $"the string '{element.GetString()}'",
            JsonValueKind.Number => $"the number {element.GetRawText()}",
            JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
            _ => "null",
        };

        private static string Shown(JsonElement element) =>
            element.ValueKind == JsonValueKind.String ? $"'{element.GetString()}'" : element.GetRawText();

        private static string Lower(RiskBand band) => band.ToString().ToLowerInvariant();

        private static string Format(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";
    }
}
