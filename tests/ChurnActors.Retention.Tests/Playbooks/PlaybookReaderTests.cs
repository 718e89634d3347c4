using ChurnActors.Domain.Risk;
using ChurnActors.Retention.Playbooks;
using ChurnActors.Testing;

namespace ChurnActors.Retention.Tests.Playbooks;

/// <summary>Reading and checking playbook files: defaults, the documented example, and every problem named by its path.</summary>
public sealed class PlaybookReaderTests
{
    private const string Minimal = """
        { "id": "winback", "name": "Win back", "entry": { "to": "high" },
          "steps": [ { "id": "mail", "action": { "type": "webhook", "endpoint": "crm" } } ] }
        """;

    [Fact]
    public void Read_AcceptsTheDocumentedExample()
    {
        var result = PlaybookReader.Read(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "examples", "winback-playbook.json")));

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        var playbook = result.Definition!;
        Assert.Equal("winback-high-value", playbook.Id);
        Assert.Equal(RiskBand.High, playbook.Entry.To);
        Assert.Equal([RiskBand.Low, RiskBand.Medium], playbook.Entry.From);
        Assert.Equal(["reminder", "offer", "last-call"], playbook.Steps.Select(s => s.Id));
        Assert.Equal(TimeSpan.FromDays(3), playbook.Steps[1].DelayTime);
        Assert.Equal(25m, playbook.Steps[1].Action.Coupon!.ValueFor(1_000m));
        Assert.Equal("sms", playbook.Steps[2].Channel);
    }

    [Fact]
    public void Read_FillsTheDefaults_WhenOnlyTheRequiredFieldsAreGiven()
    {
        var playbook = PlaybookReader.Read(Minimal).Definition!;

        Assert.True(playbook.Enabled);
        Assert.Empty(playbook.Entry.From);
        Assert.Equal(TimeSpan.Zero, playbook.Steps[0].DelayTime);
        Assert.Equal("email", playbook.Steps[0].Channel);
        Assert.Equal("Order Completed", playbook.Exit.GoalEvent);
        Assert.True(playbook.Exit.OnBandExit);
        Assert.Equal(ReentryMode.Cooldown, playbook.Reentry.Mode);
        Assert.Equal(30, playbook.Reentry.CooldownDays);
        Assert.Equal(0, playbook.Priority);
        Assert.Equal(0.10, playbook.Holdout);
        Assert.Equal(30, playbook.OutcomeWindowDays);
    }

    [Fact]
    public void Read_ReportsEveryProblemWithItsPath_WhenSeveralFieldsAreWrong()
    {
        var result = PlaybookReader.Read("""
            { "id": "Win Back", "name": "x", "entry": { "to": "severe", "filters": { "minOrder": 2, "maxProbabilityAlive": 1.5 } },
              "steps": [
                { "id": "a", "delay": "3d", "action": { "type": "webhook", "endpoint": "crm" } },
                { "id": "b", "delay": "3x", "action": { "type": "offer", "endpoint": "crm" } },
                { "id": "a", "delay": "1d", "action": { "type": "fax", "endpoint": "crm" } } ],
              "holdout": 0.7, "colour": "red" }
            """);

        Assert.False(result.IsValid);
        var messages = result.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains("id: 'Win Back' is not a slug; use lower-case letters, digits and hyphens, starting with a letter (at most 64), e.g. winback-high-value", messages);
        Assert.Contains("entry.to: 'severe' is not a band; use low, medium or high", messages);
        Assert.Contains("entry.filters.minOrder: unknown field; did you mean 'minOrders'? (names are case-sensitive)", messages);
        Assert.Contains("entry.filters.maxProbabilityAlive: is 1.5; expected a probability between 0 and 1", messages);
        Assert.Contains("steps[1].delay: '3x' is not a duration; use e.g. 0, 30m, 12h, 3d", messages);
        Assert.Contains("steps[1].action.coupon: is missing; an offer needs a coupon, e.g. { \"amount\": 10, \"currency\": \"EUR\" }", messages);
        Assert.Contains("steps[2].action.type: 'fax' is not an action type; use webhook or offer", messages);
        Assert.Contains("holdout: is 0.7; expected a share between 0 and 0.5, e.g. 0.1 for 10%", messages);
        Assert.Contains(messages, m => m.StartsWith("colour: unknown field;", StringComparison.Ordinal));
        Assert.Equal(9, messages.Count);
    }

    [Fact]
    public void Read_RefusesDuplicateStepIds_AndStepsOutOfOrder()
    {
        var result = PlaybookReader.Read("""
            { "id": "winback", "name": "Win back", "entry": { "to": "high" },
              "steps": [ { "id": "a", "delay": "3d", "action": { "type": "webhook", "endpoint": "crm" } },
                         { "id": "a", "delay": "12h", "action": { "type": "webhook", "endpoint": "crm" } } ] }
            """);

        Assert.Equal(
            [
                "steps[1].id: 'a' is also the id of steps[0]; step ids must be unique within the playbook",
                "steps[1].delay: '12h' is earlier than steps[0]'s '3d'; list the steps in the order they fire",
            ],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Read_RefusesAStepAfterTheOutcomeWindow()
    {
        var result = PlaybookReader.Read(Minimal.Replace("\"id\": \"mail\"", "\"id\": \"mail\", \"delay\": \"45d\"", StringComparison.Ordinal));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("steps[0].delay", problem.Path);
        Assert.Contains("after the 30-day outcome window", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "amount": 10, "shareOfClv": 0.1, "currency": "EUR" }""", "steps[0].action.coupon: gives both amount and shareOfClv; give one: a fixed amount, or a share of CLV with a cap")]
    [InlineData("""{ "shareOfClv": 0.1, "currency": "EUR" }""", "steps[0].action.coupon.cap: is missing; a share of CLV needs a cap, the most the coupon may be worth")]
    [InlineData("""{ "amount": 10, "currency": "euro" }""", "steps[0].action.coupon.currency: 'euro' is not an ISO 4217 code; use three capital letters, e.g. EUR, USD")]
    public void Read_ExplainsWhatIsWrong_WithACoupon(string coupon, string expected)
    {
        var json = $$"""
            { "id": "winback", "name": "Win back", "entry": { "to": "high" },
              "steps": [ { "id": "offer", "action": { "type": "offer", "endpoint": "crm", "coupon": {{coupon}} } } ] }
            """;

        Assert.Equal([expected], PlaybookReader.Read(json).Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Read_SaysWhereTheSyntaxBreaks_WhenTheFileIsNotJson()
    {
        var problem = Assert.Single(PlaybookReader.Read("{ \"id\": \"winback\",\n  \"name\": }").Problems);

        Assert.Equal("(file)", problem.Path);
        Assert.StartsWith("not valid JSON at line 2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RoundTripsThroughTheStoredForm()
    {
        var example = PlaybookReader.Read(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "examples", "winback-playbook.json"))).Definition!;

        var stored = PlaybookJson.Serialize(example);
        var reread = PlaybookReader.Read(stored);

        Assert.True(reread.IsValid, string.Join(Environment.NewLine, reread.Problems));
        Assert.Equal(stored, PlaybookJson.Serialize(reread.Definition!));
        Assert.Equal(stored, PlaybookJson.Serialize(PlaybookJson.Deserialize(stored)));
        Assert.Contains("\"to\":\"high\"", stored, StringComparison.Ordinal);
        Assert.Contains("\"mode\":\"cooldown\"", stored, StringComparison.Ordinal);
    }

    [Fact]
    public void SameVersionAs_IgnoresEnabled_ButNotABehaviourChange()
    {
        var playbook = PlaybookReader.Read(Minimal).Definition!;
        var explicitDefaults = PlaybookReader.Read(Minimal.Replace("\"entry\"", "\"holdout\": 0.1, \"enabled\": false, \"entry\"", StringComparison.Ordinal)).Definition!;

        Assert.True(playbook.SameVersionAs(explicitDefaults));
        Assert.False(playbook.SameVersionAs(playbook with { Priority = 5 }));
    }
}
