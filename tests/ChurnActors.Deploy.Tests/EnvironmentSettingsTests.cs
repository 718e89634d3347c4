namespace ChurnActors.Deploy.Tests;

/// <summary>The check that a deploy file's variable names a setting the code reads, with a value it accepts.</summary>
public sealed class EnvironmentSettingsTests
{
    [Theory]
    [InlineData("ChurnActors__Storage__MigrateOnStart", "false")]
    [InlineData("ChurnActors__Cluster__SiloPort", "11111")]
    [InlineData("ChurnActors__Node__Name", "silo-1")]
    [InlineData("ChurnActors__Ingest__WriteKeys__0", "wk_1")]
    [InlineData("ChurnActors__Models__Training__Trees", "100")]
    [InlineData("CHURN_ADMIN_KEY", "ak_1")]
    [InlineData("ConnectionStrings__ChurnActors", "Host=db")]
    public void Problem_IsNone_ForASettingTheCodeReads(string variable, string value)
    {
        Assert.Null(EnvironmentSettings.Problem(variable, value));
    }

    [Theory]
    [InlineData("ChurnActors__Cluster__SiloPrt", "11111", "SiloPrt")]
    [InlineData("ChurnActors__Storag__Mode", "InMemory", "Storag")]
    [InlineData("ChurnActors__Cluster__SiloPort", "eleven", "eleven")]
    [InlineData("ChurnActors__Storage__Mode", "Sqlite", "Sqlite")]
    [InlineData("ChurnActors__Node", "silo-1", "not a single value")]
    [InlineData("ConnectionStrings__Churn", "Host=db", "ConnectionStrings__Churn")]
    [InlineData("CHURN_ADMIN_KEYS", "ak_1", "CHURN_ADMIN_KEYS")]
    public void Problem_NamesWhatIsWrong_ForAKeyOrValueTheCodeDoesNotTake(string variable, string value, string named)
    {
        var problem = EnvironmentSettings.Problem(variable, value);

        Assert.NotNull(problem);
        Assert.Contains(named, problem, StringComparison.Ordinal);
    }
}
