using ChurnActors.Cli.Commands;

namespace ChurnActors.Cli.Tests;

/// <summary>Which key a command sends when it reads customers (GET /v1/users).</summary>
public sealed class HostOptionsTests
{
    private static CliContext Context(params (string Name, string Value)[] environment)
    {
        var variables = environment.ToDictionary(e => e.Name, e => e.Value);
        return new CliContext(TextWriter.Null, TextWriter.Null, errorIsTerminal: false, name => variables.GetValueOrDefault(name));
    }

    [Fact]
    public void ResolveReadKey_PrefersTheReadKeyOption_OverEveryOtherKey()
    {
        var context = Context(("CHURN_READ_KEY", "env-read"), ("CHURN_ADMIN_KEY", "env-admin"));

        Assert.Equal("read", HostOptions.ResolveReadKey("read", "admin", "write", context));
    }

    [Fact]
    public void ResolveReadKey_TakesTheReadKeyVariable_BeforeAnAdminKey()
    {
        var context = Context(("CHURN_READ_KEY", "env-read"));

        Assert.Equal("env-read", HostOptions.ResolveReadKey(null, "admin", "write", context));
    }

    [Fact]
    public void ResolveReadKey_FallsBackToTheAdminKey_FromOptionOrEnvironment()
    {
        Assert.Equal("admin", HostOptions.ResolveReadKey(null, "admin", "write", Context()));
        Assert.Equal("env-admin", HostOptions.ResolveReadKey(null, null, "write", Context(("CHURN_ADMIN_KEY", "env-admin"))));
    }

    [Fact]
    public void ResolveReadKey_FallsBackToTheWriteKey_WhenNoReadOrAdminKeyIsGiven()
    {
        Assert.Equal("write", HostOptions.ResolveReadKey(null, null, "write", Context()));
    }
}
