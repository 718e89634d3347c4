using System.ComponentModel.DataAnnotations;
using ChurnActors.Retention.Policy;

namespace ChurnActors.Retention.Tests.Policy;

public sealed class ContactPolicyOptionsTests
{
    [Fact]
    public void Defaults_CapEmailsAndKeepQuietAtNight_WithoutAnOfferBudget()
    {
        var options = new ContactPolicyOptions();

        Assert.Empty(Validate(options));
        Assert.Equal((2, TimeSpan.FromDays(7)), (options.Caps["email-week"].Limit, options.Caps["email-week"].Window));
        Assert.Equal((1, TimeSpan.FromDays(1)), (options.Caps["email-day"].Limit, options.Caps["email-day"].Window));
        Assert.Equal((new TimeOnly(21, 0), new TimeOnly(8, 0)), (options.QuietHoursStart, options.QuietHoursEnd));
        Assert.Equal("UTC", options.DefaultTimeZone);
        Assert.Null(options.DailyOfferBudget);
    }

    [Theory]
    [InlineData("", 2, 7, "ChurnActors:Retention:Policy:Caps:sms-week:Channel must name a channel")]
    [InlineData("sms", 0, 7, "ChurnActors:Retention:Policy:Caps:sms-week:Limit must be at least 1 (it is 0)")]
    [InlineData("sms", 2, 0, "ChurnActors:Retention:Policy:Caps:sms-week:Window must be between 1 minute and 366 days")]
    [InlineData("sms", 2, 400, "ChurnActors:Retention:Policy:Caps:sms-week:Window must be between 1 minute and 366 days")]
    public void Validate_NamesTheCapAndTheSetting_WhenACapIsInvalid(string channel, int limit, int days, string message)
    {
        var options = new ContactPolicyOptions();
        options.Caps["sms-week"] = new FrequencyCapOptions { Channel = channel, Limit = limit, Window = TimeSpan.FromDays(days) };

        Assert.Contains(Validate(options), m => m.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AcceptsAnInvalidCap_ThatIsDisabled()
    {
        var options = new ContactPolicyOptions();
        options.Caps["sms-week"] = new FrequencyCapOptions { Enabled = false };

        Assert.Empty(Validate(options));
    }

    [Fact]
    public void Validate_SaysWhatToUse_WhenTheDefaultTimeZoneIsUnknown()
    {
        var messages = Validate(new ContactPolicyOptions { DefaultTimeZone = "Europe/Atlantis" });

        Assert.Contains(
            "ChurnActors:Retention:Policy:DefaultTimeZone 'Europe/Atlantis' is not a time zone known to this machine: use an IANA id such as Europe/Berlin or UTC.",
            messages);
    }

    [Fact]
    public void Validate_RejectsANegativeBudget()
    {
        var messages = Validate(new ContactPolicyOptions { DailyOfferBudget = -1m });

        Assert.Contains(messages, m => m.StartsWith("ChurnActors:Retention:Policy:DailyOfferBudget must not be negative", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_ThrowsWithTheValidationMessage_ForInvalidOptions()
    {
        var error = Assert.Throws<ArgumentException>(() => new ContactPolicy(new ContactPolicyOptions { DefaultTimeZone = "Nowhere/Special" }));

        Assert.Contains("DefaultTimeZone 'Nowhere/Special' is not a time zone", error.Message, StringComparison.Ordinal);
    }

    private static List<string> Validate(ContactPolicyOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage!)];
    }
}
