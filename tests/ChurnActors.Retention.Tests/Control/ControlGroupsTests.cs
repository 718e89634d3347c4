using System.ComponentModel.DataAnnotations;
using ChurnActors.Retention.Control;

namespace ChurnActors.Retention.Tests.Control;

public sealed class ControlGroupsTests
{
    private const int Customers = 100_000;

    private static readonly string[] Keys = [.. Enumerable.Range(0, Customers).Select(i => $"customer-{i}")];

    private readonly ControlGroups _groups = new(new ControlGroupOptions());

    [Fact]
    public void IsInGlobalControl_TakesFivePercentOfCustomers_ByDefault()
    {
        var share = Keys.Count(_groups.IsInGlobalControl) / (double)Customers;

        // Binomial standard deviation sqrt(0.05 * 0.95 / 100000) = 0.00069; five of them.
        Assert.InRange(share, 0.05 - 0.0035, 0.05 + 0.0035);
    }

    [Fact]
    public void Assign_HoldsOutTenPercentOfTheNonGlobalCustomers_ByDefault()
    {
        var nonGlobal = Keys.Where(k => !_groups.IsInGlobalControl(k)).ToList();

        var holdout = nonGlobal.Count(k => _groups.Assign(k, "winback").Reason == ControlReason.Holdout) / (double)nonGlobal.Count;

        // sqrt(0.1 * 0.9 / 95000) = 0.00097; five of them.
        Assert.InRange(holdout, 0.10 - 0.005, 0.10 + 0.005);
    }

    [Fact]
    public void IsInHoldout_IsIndependentOfTheGlobalGroup_InsideAndOutsideIt()
    {
        var global = Keys.Where(_groups.IsInGlobalControl).ToList();
        var inside = global.Count(k => _groups.IsInHoldout("winback", k, 0.10)) / (double)global.Count;
        var outside = Keys.Except(global).Count(k => _groups.IsInHoldout("winback", k, 0.10)) / (double)(Customers - global.Count);

        // Inside the global group there are about 5,000 customers: sqrt(0.09 / 5000) = 0.0042; five of them.
        Assert.InRange(inside, 0.10 - 0.021, 0.10 + 0.021);
        Assert.InRange(outside, 0.10 - 0.005, 0.10 + 0.005);
    }

    [Fact]
    public void IsInHoldout_DrawsAnotherSample_ForEachPlaybook()
    {
        var winback = Keys.Where(k => _groups.IsInHoldout("winback", k, 0.10)).ToHashSet();
        var both = Keys.Count(k => winback.Contains(k) && _groups.IsInHoldout("vip-rescue", k, 0.10)) / (double)Customers;

        // Independent draws overlap in 0.1 * 0.1 = 1% of customers (sd 0.0003).
        Assert.InRange(both, 0.01 - 0.0016, 0.01 + 0.0016);
    }

    [Fact]
    public void Assign_UsesThePlaybooksOwnShare_WhenItSetsOne()
    {
        var share = Keys.Count(k => _groups.Assign(k, "winback", holdoutShare: 0.20).IsControl) / (double)Customers;

        // 5% global + 95% * 20% holdout = 24%; sd 0.00135.
        Assert.InRange(share, 0.24 - 0.007, 0.24 + 0.007);
    }

    [Theory]
    [InlineData("user-6", ControlArm.Control, ControlReason.Global)]
    [InlineData("user-22", ControlArm.Control, ControlReason.Global)]
    [InlineData("user-2", ControlArm.Control, ControlReason.Holdout)]
    [InlineData("user-11", ControlArm.Control, ControlReason.Holdout)]
    [InlineData("user-0", ControlArm.Treated, ControlReason.None)]
    [InlineData("alice", ControlArm.Treated, ControlReason.None)]
    public void Assign_GivesTheGoldenArm_ForKnownCustomers(string customer, ControlArm arm, ControlReason reason)
    {
        var assignment = _groups.Assign(customer, "winback");

        Assert.Equal(arm, assignment.Arm);
        Assert.Equal(reason, assignment.Reason);
    }

    [Fact]
    public void Assign_IsStable_AcrossInstancesWithTheSameSalt()
    {
        var other = new ControlGroups(new ControlGroupOptions());

        Assert.All(Keys.Take(2_000), k => Assert.Equal(_groups.Assign(k, "winback"), other.Assign(k, "winback")));
    }

    [Fact]
    public void Assign_ReshufflesTheGroups_WhenTheSaltChanges()
    {
        var reshuffled = new ControlGroups(new ControlGroupOptions { Salt = "another-installation" });

        var changed = Keys.Take(20_000).Count(k => _groups.IsInGlobalControl(k) != reshuffled.IsInGlobalControl(k));

        // Two independent 5% draws differ on 2 * 0.05 * 0.95 = 9.5% of customers.
        Assert.InRange(changed, 1_600, 2_200);
    }

    [Fact]
    public void Assign_KeepsEveryCustomerTreated_WhenBothSharesAreZero()
    {
        var none = new ControlGroups(new ControlGroupOptions { GlobalShare = 0, DefaultHoldoutShare = 0 });

        Assert.DoesNotContain(Keys.Take(10_000), k => none.Assign(k, "winback").IsControl);
    }

    [Fact]
    public void Assign_SaysWhichGroupAndShare_InItsDescription()
    {
        Assert.Contains("global control group (5% of all customers)", _groups.Assign("user-6", "winback").Description, StringComparison.Ordinal);
        Assert.Contains("holdout of 'winback' (10% of its customers)", _groups.Assign("user-2", "winback").Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamesTheKey_WhenAShareIsOutOfRange()
    {
        var results = Validate(new ControlGroupOptions { GlobalShare = 0.9 });

        Assert.Contains(results, r => r.ErrorMessage!.Contains("ChurnActors:Retention:Control:GlobalShare must be between 0 and 0.5", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NamesTheKey_WhenTheSaltIsEmpty()
    {
        var results = Validate(new ControlGroupOptions { Salt = " " });

        Assert.Contains(results, r => r.ErrorMessage!.Contains("ChurnActors:Retention:Control:Salt must not be empty", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AcceptsTheDefaults()
    {
        Assert.Empty(Validate(new ControlGroupOptions()));
    }

    private static List<ValidationResult> Validate(ControlGroupOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
