using ChurnActors.Cli.CommandLine;

namespace ChurnActors.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output and an explicit (empty by default) environment.</summary>
internal static class CliRunner
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, errorIsTerminal: false, name => environment.GetValueOrDefault(name));
        using var timeout = new CancellationTokenSource(Bound);
        var exitCode = await new CliApp(context).RunAsync(args, timeout.Token);
        Assert.False(timeout.IsCancellationRequested, $"churnactors {string.Join(' ', args)} did not finish within {Bound.TotalSeconds} s");
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
