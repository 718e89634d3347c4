using System.Text.Json;
using ChurnActors.Retention.Campaigns;
using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Retention.Tests.Campaigns;

/// <summary>Campaign files as people write them: a valid one with its defaults, and mistakes reported at their JSON path.</summary>
public sealed class CampaignReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static IEnumerable<PlaybookProblem> NoAudienceProblems(JsonElement filter) => [];

    private static CampaignReadResult Read(string json) => CampaignReader.Read(json, Now, NoAudienceProblems);

    private const string Valid = """
        {
          "id": "winback-berlin",
          "name": "Win back Berlin",
          "audience": { "all": [ { "field": "band", "op": "eq", "value": "high" } ] },
          "action": { "type": "webhook", "endpoint": "crm", "payload": { "template": "winback" } },
          "schedule": { "type": "cron", "cron": "0 9 * * MON", "timeZone": "Europe/Berlin" }
        }
        """;

    [Fact]
    public void Read_AppliesDefaults_WhenOptionalFieldsAreLeftOut()
    {
        var definition = Read(Valid).Definition;

        Assert.NotNull(definition);
        Assert.Equal(0.10, definition.Holdout);
        Assert.Equal("email", definition.Channel);
        Assert.Equal("Order Completed", definition.Outcome.GoalEvent);
        Assert.Equal(30, definition.Outcome.WindowDays);
        Assert.Equal(CampaignScheduleType.Cron, definition.Schedule.Type);
        Assert.Equal("Europe/Berlin", definition.Schedule.TimeZone);
    }

    [Theory]
    [InlineData("\"holdout\": 0.6", "holdout")]
    [InlineData("\"holdout\": -0.1", "holdout")]
    [InlineData("\"colour\": \"red\"", "colour")]
    [InlineData("\"schedule\": { \"type\": \"cron\", \"cron\": \"61 9 * * MON\" }", "schedule.cron")]
    [InlineData("\"schedule\": { \"type\": \"cron\", \"cron\": \"0 9 * * MON\", \"timeZone\": \"Europe/Atlantis\" }", "schedule.timeZone")]
    [InlineData("\"schedule\": { \"type\": \"at\", \"at\": \"2026-12-01T09:00:00Z\" }", "schedule.at")]
    [InlineData("\"schedule\": { \"type\": \"weekly\" }", "schedule.type")]
    [InlineData("\"outcome\": { \"windowDays\": 0 }", "outcome.windowDays")]
    public void Read_NamesTheField_WhenAValueIsWrong(string replacement, string path)
    {
        var json = Valid.Replace("\"schedule\": { \"type\": \"cron\", \"cron\": \"0 9 * * MON\", \"timeZone\": \"Europe/Berlin\" }", replacement, StringComparison.Ordinal);
        if (!replacement.StartsWith("\"schedule\"", StringComparison.Ordinal))
        {
            json = json.Replace("\"id\":", "\"schedule\": { \"type\": \"now\" }, \"id\":", StringComparison.Ordinal);
        }

        var result = Read(json);

        Assert.Null(result.Definition);
        Assert.Contains(result.Problems, p => p.Path == path);
    }

    [Fact]
    public void Read_PrefixesAudienceProblems_WithTheAudiencePath()
    {
        var result = CampaignReader.Read(Valid, Now, _ => [new PlaybookProblem("all[0].field", "unknown field 'bnad'")]);

        Assert.Equal("audience.all[0].field", Assert.Single(result.Problems).Path);
    }

    [Fact]
    public void Read_NamesTheActionField_WhenTheActionIsIncomplete()
    {
        var result = Read(Valid.Replace("\"type\": \"webhook\", ", "\"type\": \"offer\", ", StringComparison.Ordinal));

        Assert.Contains(result.Problems, p => p.Path == "action.coupon");
    }
}
