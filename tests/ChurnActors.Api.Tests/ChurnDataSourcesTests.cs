using ChurnActors.Silo.Hosting;

namespace ChurnActors.Api.Tests;

/// <summary>The pools the host opens: its defaults where the connection string says nothing, the operator's values otherwise.</summary>
public sealed class ChurnDataSourcesTests
{
    private const string Plain = "Host=127.0.0.1;Username=u;Password=p;Database=d";

    [Fact]
    public void Host_AppliesTheEnginesDefaults_WhenTheConnectionStringSaysNothing()
    {
        var settings = ChurnDataSources.Host(Plain).ConnectionStringBuilder;

        Assert.Equal(StorageOptions.DefaultMaxPoolSize, settings.MaxPoolSize);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal(StorageOptions.DefaultMaxAutoPrepare, settings.MaxAutoPrepare);
        Assert.Equal("-c jit=off", settings.Options);
        Assert.Equal("p", settings.Password);
    }

    [Theory]
    [InlineData("Maximum Pool Size=40;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("MaxPoolSize=40;NoResetOnClose=false;MaxAutoPrepare=0")]
    [InlineData("maximum pool size=40;no reset on close=false;max auto prepare=0")]
    public void Host_KeepsTheOperatorsValues_WhenTheConnectionStringSetsThem(string explicitSettings)
    {
        var settings = ChurnDataSources.Host($"{Plain};{explicitSettings};Options=-c work_mem=64MB").ConnectionStringBuilder;

        Assert.Equal(40, settings.MaxPoolSize);
        Assert.False(settings.NoResetOnClose);
        Assert.Equal(0, settings.MaxAutoPrepare);
        Assert.Equal("-c work_mem=64MB -c jit=off", settings.Options);
    }

    [Fact]
    public void GrainStatePool_HasItsOwnCapAndAsynchronousCommits_AndNamesItself()
    {
        var settings = ChurnDataSources.GrainStatePool($"{Plain};Maximum Pool Size=40", poolSize: 8).ConnectionStringBuilder;

        Assert.Equal(8, settings.MaxPoolSize);
        Assert.Equal("-c jit=off -c synchronous_commit=off", settings.Options);
        Assert.Equal("churnactors grain state", settings.ApplicationName);
        Assert.True(settings.NoResetOnClose);
    }

    [Fact]
    public void GrainStatePool_KeepsTheOperatorsApplicationName_WhenTheConnectionStringNamesOne()
    {
        var settings = ChurnDataSources.GrainStatePool($"{Plain};Application Name=shop", poolSize: 8).ConnectionStringBuilder;

        Assert.Equal("shop", settings.ApplicationName);
    }

    [Fact]
    public void TrainingPool_HasNoCommandTimeout()
    {
        var settings = ChurnDataSources.TrainingPool(Plain).ConnectionStringBuilder;

        Assert.Equal(0, settings.CommandTimeout);
        Assert.Equal(StorageOptions.DefaultMaxPoolSize, settings.MaxPoolSize);
    }
}
