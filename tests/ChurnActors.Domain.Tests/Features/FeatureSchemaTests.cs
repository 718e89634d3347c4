using ChurnActors.Domain.Features;

namespace ChurnActors.Domain.Tests.Features;

public sealed class FeatureSchemaTests
{
    [Fact]
    public void Features_FollowFeatureIdOrder_OneForEachId()
    {
        Assert.Equal(Enum.GetValues<FeatureId>(), FeatureSchema.Features.Select(f => f.Id));
        Assert.Equal(Enum.GetValues<FeatureId>().Length, FeatureSchema.Length);
    }

    [Fact]
    public void Features_HaveUniqueSnakeCaseNames_WithUnitAndDescription()
    {
        Assert.Equal(FeatureSchema.Length, FeatureSchema.Features.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(FeatureSchema.Features, f =>
        {
            Assert.Matches("^[a-z][a-z0-9_]*$", f.Name);
            Assert.Contains(f.Unit, new[] { "days", "count", "currency", "ratio" });
            Assert.False(string.IsNullOrWhiteSpace(f.Description), f.Name);
        });
    }

    [Fact]
    public void IndexOf_FindsEachFeatureByName_AndMinusOneForAnUnknownName()
    {
        Assert.All(FeatureSchema.Features, f => Assert.Equal((int)f.Id, FeatureSchema.IndexOf(f.Name)));
        Assert.Equal(-1, FeatureSchema.IndexOf("lifetime_value"));
        Assert.Equal((int)FeatureId.Sessions30d, FeatureSchema.IndexOf("sessions_30d"));
    }
}
