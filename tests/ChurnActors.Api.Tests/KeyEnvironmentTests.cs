using ChurnActors.Silo.Auth;
using ChurnActors.Silo.Hosting;
using Microsoft.Extensions.Configuration;

namespace ChurnActors.Api.Tests;

/// <summary>CHURN_WRITE_KEY, CHURN_READ_KEY and CHURN_ADMIN_KEY each add one key to the configured lists.</summary>
public sealed class KeyEnvironmentTests
{
    [Fact]
    public void AddKeyEnvironmentVariables_AddsEachVariablesKeyBesideTheConfiguredOnes()
    {
        var environment = new Dictionary<string, string>
        {
            ["CHURN_WRITE_KEY"] = "wk_env",
            ["CHURN_READ_KEY"] = "rk_env",
            ["CHURN_ADMIN_KEY"] = "ak_env",
        };
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ChurnActors:Ingest:WriteKeys:0"] = "wk_config",
                ["ChurnActors:Admin:Keys:0"] = "ak_config",
            })
            .AddKeyEnvironmentVariables(environment.GetValueOrDefault)
            .Build();

        var ingest = configuration.GetSection(IngestOptions.SectionName).Get<IngestOptions>()!;
        var admin = configuration.GetSection(AdminOptions.SectionName).Get<AdminOptions>()!;

        Assert.Equal(["wk_config", "wk_env"], ingest.WriteKeys.Order());
        Assert.Equal(["rk_env"], ingest.ReadKeys);
        Assert.Equal(["ak_config", "ak_env"], admin.Keys.Order());
        Assert.True(ingest.ReadRequiresReadKey);
    }

    [Fact]
    public void AddKeyEnvironmentVariables_AddsNothing_WhenTheVariablesAreUnsetOrEmpty()
    {
        var configuration = new ConfigurationBuilder()
            .AddKeyEnvironmentVariables(name => name == "CHURN_WRITE_KEY" ? "" : null)
            .Build();

        Assert.Empty(configuration.GetSection("ChurnActors:Ingest:WriteKeys").GetChildren());
        Assert.Empty(configuration.GetSection("ChurnActors:Admin:Keys").GetChildren());
    }
}
