using ChurnActors.Retention.Control;
using ChurnActors.Retention.Policy;
using Microsoft.Extensions.Configuration;

namespace ChurnActors.Retention.Tests.Policy;

public sealed class OptionsBindingTests
{
    [Fact]
    public void Bind_ReadsTheDocumentedKeys_AndKeepsTheDefaultsNotOverridden()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ChurnActors:Retention:Policy:Caps:email-week:Limit"] = "3",
                ["ChurnActors:Retention:Policy:Caps:email-day:Enabled"] = "false",
                ["ChurnActors:Retention:Policy:Caps:sms-week:Channel"] = "sms",
                ["ChurnActors:Retention:Policy:Caps:sms-week:Limit"] = "1",
                ["ChurnActors:Retention:Policy:Caps:sms-week:Window"] = "7.00:00:00",
                ["ChurnActors:Retention:Policy:QuietHoursStart"] = "22:00",
                ["ChurnActors:Retention:Policy:QuietHoursEnd"] = "07:30",
                ["ChurnActors:Retention:Policy:QuietHoursExemptChannels:0"] = "webhook",
                ["ChurnActors:Retention:Policy:DefaultTimeZone"] = "Europe/Berlin",
                ["ChurnActors:Retention:Policy:DailyOfferBudget"] = "250.50",
                ["ChurnActors:Retention:Policy:Currency"] = "EUR",
                ["ChurnActors:Retention:Control:Salt"] = "shop-2026",
                ["ChurnActors:Retention:Control:GlobalShare"] = "0.1",
            })
            .Build();

        var policy = configuration.GetSection(ContactPolicyOptions.SectionName).Get<ContactPolicyOptions>()!;
        var control = configuration.GetSection(ControlGroupOptions.SectionName).Get<ControlGroupOptions>()!;

        Assert.Equal((3, TimeSpan.FromDays(7), "email"), (policy.Caps["email-week"].Limit, policy.Caps["email-week"].Window, policy.Caps["email-week"].Channel));
        Assert.False(policy.Caps["email-day"].Enabled);
        Assert.Equal((1, TimeSpan.FromDays(7), "sms"), (policy.Caps["sms-week"].Limit, policy.Caps["sms-week"].Window, policy.Caps["sms-week"].Channel));
        Assert.Equal((new TimeOnly(22, 0), new TimeOnly(7, 30)), (policy.QuietHoursStart, policy.QuietHoursEnd));
        Assert.Equal(["webhook"], policy.QuietHoursExemptChannels);
        Assert.Equal(("Europe/Berlin", 250.50m, "EUR"), (policy.DefaultTimeZone, policy.DailyOfferBudget, policy.Currency));
        Assert.Equal(("shop-2026", 0.1, 0.1), (control.Salt, control.GlobalShare, control.DefaultHoldoutShare));
        Assert.Equal(TimeSpan.FromDays(7), new ContactPolicy(policy).LongestWindow);
    }
}
