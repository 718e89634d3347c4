using ChurnActors.Retention.Policy;
using static ChurnActors.Retention.Tests.Policy.PolicyFixtures;

namespace ChurnActors.Retention.Tests.Policy;

public sealed class QuietHoursTests
{
    private static readonly CustomerContactState Tokyo = new() { TimeZone = "Asia/Tokyo" };
    private static readonly CustomerContactState LosAngeles = new() { TimeZone = "America/Los_Angeles" };
    private static readonly CustomerContactState Berlin = new() { TimeZone = "Europe/Berlin" };

    private readonly ContactPolicy _policy = NewPolicy();

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Evaluate_SendsToTokyoButDefersLosAngeles_AtTheSameInstant()
    {
        var now = Utc(2026, 12, 7, 5);

        var tokyo = _policy.Evaluate(Step("winback"), Tokyo, OfferBudgetState.None, now);
        var losAngeles = _policy.Evaluate(Step("winback"), LosAngeles, OfferBudgetState.None, now);

        Assert.Equal(ContactOutcome.Send, tokyo.Outcome);
        Assert.Contains("it is 14:00 in Asia/Tokyo, outside quiet hours 21:00-08:00", tokyo.Reason, StringComparison.Ordinal);
        Assert.Equal(ContactOutcome.QuietHours, losAngeles.Outcome);
        Assert.Equal("quiet-hours", losAngeles.Code);
        Assert.Equal(Utc(2026, 12, 7, 16), losAngeles.DeferredUntil);
        Assert.Equal(
            "quiet-hours: it is 21:00 in America/Los_Angeles, inside quiet hours 21:00-08:00; deferred to 2026-12-07 08:00 -08:00",
            losAngeles.Reason);
    }

    [Fact]
    public void Evaluate_DefersEachCustomerToTheirOwnMorning_WhenBothAreInQuietHours()
    {
        var now = Utc(2026, 12, 7, 12, 30);

        Assert.Equal(Utc(2026, 12, 7, 23), _policy.Evaluate(Step("winback"), Tokyo, OfferBudgetState.None, now).DeferredUntil);
        Assert.Equal(Utc(2026, 12, 7, 16), _policy.Evaluate(Step("winback"), LosAngeles, OfferBudgetState.None, now).DeferredUntil);
    }

    [Theory]
    [InlineData(22, 30, 2026, 12, 8, 7)] // 23:30 Berlin: to tomorrow 08:00
    [InlineData(23, 30, 2026, 12, 8, 7)] // 00:30 Berlin, after midnight: to the same local day's 08:00
    [InlineData(20, 0, 2026, 12, 8, 7)] // 21:00 Berlin, the first quiet minute
    public void Evaluate_DefersToTheNextMorning_ForAQuietPeriodCrossingMidnight(int hour, int minute, int year, int month, int day, int deferredHour)
    {
        var decision = _policy.Evaluate(Step("winback"), Berlin, OfferBudgetState.None, Utc(2026, 12, 7, hour, minute));

        Assert.Equal(ContactOutcome.QuietHours, decision.Outcome);
        Assert.Equal(Utc(year, month, day, deferredHour), decision.DeferredUntil);
    }

    [Fact]
    public void Evaluate_Sends_AtTheFirstMinuteAfterQuietHours()
    {
        Assert.Equal(ContactOutcome.QuietHours, _policy.Evaluate(Step("winback"), Berlin, OfferBudgetState.None, Utc(2026, 12, 8, 6, 59)).Outcome);
        Assert.Equal(ContactOutcome.Send, _policy.Evaluate(Step("winback"), Berlin, OfferBudgetState.None, Utc(2026, 12, 8, 7)).Outcome);
        Assert.Equal(ContactOutcome.Send, _policy.Evaluate(Step("winback"), Berlin, OfferBudgetState.None, Utc(2026, 12, 7, 19, 59)).Outcome);
    }

    [Fact]
    public void Evaluate_DefersWithinTheDay_ForAQuietPeriodInsideOneDay()
    {
        var policy = NewPolicy(o => (o.QuietHoursStart, o.QuietHoursEnd) = (new TimeOnly(12, 0), new TimeOnly(14, 0)));

        Assert.Equal(Utc(2026, 12, 7, 13), policy.Evaluate(Step("winback"), Berlin, OfferBudgetState.None, Utc(2026, 12, 7, 11, 30)).DeferredUntil);
        Assert.Equal(ContactOutcome.Send, policy.Evaluate(Step("winback"), Berlin, OfferBudgetState.None, Utc(2026, 12, 7, 13)).Outcome);
        Assert.Equal(ContactOutcome.Send, policy.Evaluate(Step("winback"), Berlin, OfferBudgetState.None, Utc(2026, 12, 7, 10, 59)).Outcome);
    }

    [Fact]
    public void Evaluate_DefersToEightOClockSummerTime_OnTheNightTheClocksGoForward()
    {
        // 2026-03-29 in Berlin: 02:00 CET becomes 03:00 CEST (01:00 UTC); the night is an hour shorter.
        var decision = _policy.Evaluate(Step("winback"), Berlin, OfferBudgetState.None, Utc(2026, 3, 28, 21));

        Assert.Equal(Utc(2026, 3, 29, 6), decision.DeferredUntil);
        Assert.EndsWith("deferred to 2026-03-29 08:00 +02:00", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DefersToEightOClockWinterTime_OnTheNightTheClocksGoBack()
    {
        // 2026-10-25 in Berlin: 03:00 CEST becomes 02:00 CET (01:00 UTC); the night is an hour longer.
        var decision = _policy.Evaluate(Step("winback"), Berlin, OfferBudgetState.None, Utc(2026, 10, 24, 20));

        Assert.Equal(Utc(2026, 10, 25, 7), decision.DeferredUntil);
        Assert.EndsWith("deferred to 2026-10-25 08:00 +01:00", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DefersToTheEndOfTheGap_WhenQuietHoursEndInsideTheSkippedHour()
    {
        var policy = NewPolicy(o => (o.QuietHoursStart, o.QuietHoursEnd) = (new TimeOnly(22, 0), new TimeOnly(2, 30)));

        // 00:00 CET; 02:30 does not exist that night, the first local minute after it is 03:00 CEST = 01:00 UTC.
        var decision = policy.Evaluate(Step("winback"), Berlin, OfferBudgetState.None, Utc(2026, 3, 28, 23));

        Assert.Equal(Utc(2026, 3, 29, 1), decision.DeferredUntil);
        Assert.Equal(ContactOutcome.Send, policy.Evaluate(Step("winback"), Berlin, OfferBudgetState.None, Utc(2026, 3, 29, 1)).Outcome);
    }

    [Fact]
    public void Evaluate_DefersToTheFirstOccurrence_WhenQuietHoursEndInsideTheRepeatedHour()
    {
        var policy = NewPolicy(o => (o.QuietHoursStart, o.QuietHoursEnd) = (new TimeOnly(22, 0), new TimeOnly(2, 30)));

        // 02:30 happens twice: at 00:30 UTC (CEST) and at 01:30 UTC (CET).
        var first = policy.Evaluate(Step("winback"), Berlin, OfferBudgetState.None, Utc(2026, 10, 24, 22));
        var secondPass = policy.Evaluate(Step("winback"), Berlin, OfferBudgetState.None, Utc(2026, 10, 25, 1, 15));

        Assert.Equal(Utc(2026, 10, 25, 0, 30), first.DeferredUntil);
        Assert.Equal(Utc(2026, 10, 25, 1, 30), secondPass.DeferredUntil);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../../etc/passwd")]
    [InlineData("Europe/Berlin; DROP TABLE")]
    public void Evaluate_UsesTheShopsZoneAndSaysSo_WhenTheCustomersZoneIsUnknown(string zone)
    {
        var policy = NewPolicy(o => o.DefaultTimeZone = "Asia/Tokyo");

        var decision = policy.Evaluate(Step("winback"), new CustomerContactState { TimeZone = zone }, OfferBudgetState.None, Utc(2026, 12, 7, 12, 30));

        Assert.Equal(ContactOutcome.QuietHours, decision.Outcome);
        Assert.Equal("Asia/Tokyo", decision.TimeZone);
        Assert.True(decision.TimeZoneFellBack);
        Assert.Contains($"in Asia/Tokyo (the shop's default; the customer's time zone '{zone}' is unknown)", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_UsesTheShopsZone_WhenTheCustomerHasNone()
    {
        var policy = NewPolicy(o => o.DefaultTimeZone = "America/Los_Angeles");

        var decision = policy.Evaluate(Step("winback"), CustomerContactState.Empty, OfferBudgetState.None, Utc(2026, 12, 7, 12, 30));

        Assert.Equal(Utc(2026, 12, 7, 16), decision.DeferredUntil);
        Assert.True(decision.TimeZoneFellBack);
        Assert.Contains("(the shop's default; the customer has no time zone)", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SendsAtNight_OnAnExemptChannel()
    {
        var policy = NewPolicy(o => o.QuietHoursExemptChannels.Add("webhook"));

        var decision = policy.Evaluate(Step("winback", channel: "Webhook"), LosAngeles, OfferBudgetState.None, Utc(2026, 12, 7, 12, 30));

        Assert.Equal(ContactOutcome.Send, decision.Outcome);
    }

    [Fact]
    public void Evaluate_SendsAtNight_WhenQuietHoursAreOff()
    {
        var decision = AnyHourPolicy().Evaluate(Step("winback"), LosAngeles, OfferBudgetState.None, Utc(2026, 12, 7, 12, 30));

        Assert.Equal(ContactOutcome.Send, decision.Outcome);
        Assert.DoesNotContain("quiet hours", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DefersBeforeCheckingCaps_SoADeferredContactTakesNoSlot()
    {
        var state = Sent(("email", Utc(2026, 12, 7, 4))) with { TimeZone = "America/Los_Angeles" };

        var decision = _policy.Evaluate(Step("winback"), state, OfferBudgetState.None, Utc(2026, 12, 7, 12, 30));

        Assert.Equal(ContactOutcome.QuietHours, decision.Outcome);
    }
}
