using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChurnActors.Retention.Playbooks;
using ChurnActors.Retention.Policy;
using Cronos;

namespace ChurnActors.Retention.Campaigns;

/// <summary>
/// Reads a campaign definition and checks all of it, collecting every problem with its JSON path (<c>holdout</c>,
/// <c>schedule.cron</c>, <c>audience.all[1].field</c>) and what to do about it. The action is read by
/// <see cref="PlaybookReader.ReadAction"/>; the audience by the check the caller passes (the audience filter reader).
/// </summary>
public static partial class CampaignReader
{
    private static readonly string[] TopLevelFields = ["id", "name", "audience", "action", "channel", "priority", "holdout", "outcome", "schedule"];

    private static readonly string[] OutcomeFields = ["goalEvent", "windowDays"];

    private static readonly string[] ScheduleFields = ["type", "at", "cron", "timeZone"];

    /// <summary>Reads the text of a campaign file.</summary>
    /// <param name="json">The definition.</param>
    /// <param name="now">An <c>at</c> schedule must lie after it.</param>
    /// <param name="audience">Checks the audience filter; returns its problems with paths relative to the filter.</param>
    public static CampaignReadResult Read(string json, DateTimeOffset now, Func<JsonElement, IEnumerable<PlaybookProblem>> audience)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return Read(document.RootElement, now, audience);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : string.Empty;
            return new CampaignReadResult(null, [new PlaybookProblem("(file)", $"not valid JSON{where}: fix the syntax first")]);
        }
    }

    /// <summary>Reads a campaign definition already parsed as JSON.</summary>
    public static CampaignReadResult Read(JsonElement root, DateTimeOffset now, Func<JsonElement, IEnumerable<PlaybookProblem>> audience)
    {
        ArgumentNullException.ThrowIfNull(audience);
        var problems = new List<PlaybookProblem>();
        var definition = Campaign(root, now, audience, problems);
        return problems.Count == 0 && definition is not null ? new CampaignReadResult(definition, []) : new CampaignReadResult(null, problems);
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex Channel();

    private static CampaignDefinition? Campaign(
        JsonElement root, DateTimeOffset now, Func<JsonElement, IEnumerable<PlaybookProblem>> audienceCheck, List<PlaybookProblem> problems)
    {
        if (!Object(root, "(file)", TopLevelFields, "a campaign", problems))
        {
            return null;
        }

        var id = Text(root, "id", "id", required: true, problems);
        if (id is not null && (id.Length > 64 || !Slug().IsMatch(id)))
        {
            problems.Add(new("id", $"'{id}' is not a slug; use lower-case letters, digits and hyphens, starting with a letter (at most 64), e.g. winback-berlin"));
        }

        var name = Text(root, "name", "name", required: true, problems);
        if (name is not null && name.Length > 200)
        {
            problems.Add(new("name", "is longer than 200 characters; keep the name short"));
        }

        JsonElement? audience = null;
        if (!Present(root, "audience", out var audienceElement))
        {
            problems.Add(new("audience", "is missing; give a filter over the customer scores, e.g. {\"all\":[{\"field\":\"band\",\"op\":\"eq\",\"value\":\"high\"}]}"));
        }
        else
        {
            var before = problems.Count;
            foreach (var problem in audienceCheck(audienceElement))
            {
                problems.Add(new("audience" + (problem.Path.StartsWith('[') || problem.Path.Length == 0 ? problem.Path : "." + problem.Path), problem.Message));
            }

            audience = problems.Count == before ? audienceElement.Clone() : null;
        }

        PlaybookAction? action = null;
        if (!Present(root, "action", out var actionElement))
        {
            problems.Add(new("action", "is missing; say what the campaign sends, e.g. {\"type\":\"webhook\",\"endpoint\":\"crm\"}"));
        }
        else
        {
            action = PlaybookReader.ReadAction(actionElement, "action", problems);
        }

        var channel = Text(root, "channel", "channel", required: false, problems) ?? PlaybookStep.DefaultChannel;
        if (!Channel().IsMatch(channel))
        {
            problems.Add(new("channel", $"'{channel}' is not a channel name; use lower-case letters, digits and hyphens, e.g. email, sms, push"));
        }

        var priority = 0;
        if (Present(root, "priority", out var priorityElement))
        {
            if (priorityElement.ValueKind != JsonValueKind.Number || !priorityElement.TryGetInt32(out priority))
            {
                problems.Add(new("priority", $"is {Shown(priorityElement)}; expected a whole number (higher goes first)"));
            }
        }

        var holdout = CampaignDefinition.DefaultHoldout;
        if (Present(root, "holdout", out var holdoutElement))
        {
            if (holdoutElement.ValueKind != JsonValueKind.Number || !holdoutElement.TryGetDouble(out holdout) ||
                !(holdout >= 0 && holdout <= CampaignDefinition.MaxHoldout))
            {
                problems.Add(new("holdout", $"is {Shown(holdoutElement)}; expected a share between 0 and 0.5 (0% to 50%), e.g. 0.1 for 10% of the audience"));
            }
        }

        var outcome = Present(root, "outcome", out var outcomeElement) ? Outcome(outcomeElement, problems) : new CampaignOutcome();
        var schedule = Present(root, "schedule", out var scheduleElement)
            ? Schedule(scheduleElement, now, problems)
            : Missing<CampaignSchedule>("schedule", "say when it runs: {\"type\":\"now\"}, {\"type\":\"at\",\"at\":\"2026-12-24T09:00:00+01:00\"} or {\"type\":\"cron\",\"cron\":\"0 9 * * MON\",\"timeZone\":\"Europe/Berlin\"}", problems);

        if (problems.Count > 0 || id is null || name is null || audience is null || action is null || outcome is null || schedule is null)
        {
            return null;
        }

        return new CampaignDefinition
        {
            Id = id,
            Name = name,
            Audience = audience.Value,
            Action = action,
            Channel = channel,
            Priority = priority,
            Holdout = holdout,
            Outcome = outcome,
            Schedule = schedule,
        };
    }

    private static CampaignOutcome? Outcome(JsonElement element, List<PlaybookProblem> problems)
    {
        if (!Object(element, "outcome", OutcomeFields, "an outcome", problems))
        {
            return null;
        }

        var goal = Text(element, "goalEvent", "outcome.goalEvent", required: false, problems) ?? PlaybookExit.DefaultGoalEvent;
        var window = CampaignOutcome.DefaultWindowDays;
        if (Present(element, "windowDays", out var windowElement) &&
            (windowElement.ValueKind != JsonValueKind.Number || !windowElement.TryGetInt32(out window) || window < 1 || window > CampaignOutcome.MaxWindowDays))
        {
            problems.Add(new("outcome.windowDays", $"is {Shown(windowElement)}; expected whole days from 1 to {CampaignOutcome.MaxWindowDays}, e.g. 30"));
        }

        return new CampaignOutcome { GoalEvent = goal, WindowDays = window };
    }

    private static CampaignSchedule? Schedule(JsonElement element, DateTimeOffset now, List<PlaybookProblem> problems)
    {
        if (!Object(element, "schedule", ScheduleFields, "a schedule", problems))
        {
            return null;
        }

        var before = problems.Count;
        var type = Text(element, "type", "schedule.type", required: true, problems);
        switch (type)
        {
            case null:
                return null;
            case "now":
                Forbid(element, ["at", "cron", "timeZone"], "now", problems);
                return problems.Count == before ? CampaignSchedule.Now : null;
            case "at":
                Forbid(element, ["cron", "timeZone"], "at", problems);
                var atText = Text(element, "at", "schedule.at", required: true, problems);
                if (atText is null)
                {
                    return null;
                }

                if (!DateTimeOffset.TryParseExact(atText, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ||
                    !(atText.EndsWith('Z') || atText.Contains('+', StringComparison.Ordinal) || atText.LastIndexOf('-') > 10))
                {
                    problems.Add(new("schedule.at", $"'{atText}' is not an ISO 8601 time with an offset; use e.g. 2026-12-24T09:00:00+01:00 or 2026-12-24T08:00:00Z"));
                    return null;
                }

                if (at <= now)
                {
                    problems.Add(new("schedule.at", $"'{atText}' is in the past (it is {now.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'} now); give a later time, or use {{\"type\":\"now\"}} to run at once"));
                    return null;
                }

                return problems.Count == before ? new CampaignSchedule { Type = CampaignScheduleType.At, At = at } : null;
            case "cron":
                Forbid(element, ["at"], "cron", problems);
                var cron = Text(element, "cron", "schedule.cron", required: true, problems);
                var zone = Text(element, "timeZone", "schedule.timeZone", required: false, problems) ?? CampaignSchedule.DefaultTimeZone;
                if (cron is not null)
                {
                    try
                    {
                        CampaignSchedule.Parse(cron);
                    }
                    catch (CronFormatException ex)
                    {
                        problems.Add(new("schedule.cron", $"'{cron}' is not a cron expression ({ex.Message}); use five fields, minute hour day-of-month month day-of-week, e.g. \"0 9 * * MON\" for Mondays at 09:00"));
                    }
                }

                if (!TimeZoneResolver.TryFind(zone, out _))
                {
                    problems.Add(new("schedule.timeZone", $"'{zone}' is not an IANA time zone known to this engine; use e.g. Europe/Berlin, America/New_York or UTC"));
                }

                return problems.Count == before && cron is not null
                    ? new CampaignSchedule { Type = CampaignScheduleType.Cron, Cron = cron, TimeZone = zone }
                    : null;
            default:
                problems.Add(new("schedule.type", $"'{type}' is not a schedule type; use now, at or cron"));
                return null;
        }
    }

    private static void Forbid(JsonElement element, string[] fields, string type, List<PlaybookProblem> problems)
    {
        foreach (var field in fields.Where(f => Present(element, f, out _)))
        {
            problems.Add(new($"schedule.{field}", $"does not go with a schedule of type '{type}'; leave it out"));
        }
    }

    private static bool Object(JsonElement element, string path, string[] fields, string what, List<PlaybookProblem> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new(path, $"is {Shown(element)}; expected {what} (a JSON object)"));
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!fields.Contains(property.Name, StringComparer.Ordinal))
            {
                var at = path == "(file)" ? property.Name : $"{path}.{property.Name}";
                problems.Add(new(at, $"unknown field; {what} has {string.Join(", ", fields)} (names are case-sensitive)"));
            }
        }

        return true;
    }

    private static bool Present(JsonElement element, string name, out JsonElement value) =>
        element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static string? Text(JsonElement element, string name, string path, bool required, List<PlaybookProblem> problems)
    {
        if (!Present(element, name, out var value))
        {
            if (required)
            {
                problems.Add(new(path, "is missing"));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            problems.Add(new(path, $"is {Shown(value)}; expected a non-empty string"));
            return null;
        }

        return value.GetString();
    }

    private static T? Missing<T>(string path, string hint, List<PlaybookProblem> problems)
        where T : class
    {
        problems.Add(new(path, "is missing; " + hint));
        return null;
    }

    private static string Shown(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"'{element.GetString()}'",
        _ => element.GetRawText(),
    };
}
