using ChurnActors.Cli;
using ChurnActors.Cli.CommandLine;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C asks the command to stop; a second one terminates the process.
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        cancellation.Cancel();
    }
};

return await new CliApp(CliContext.FromConsole()).RunAsync(args, cancellation.Token).ConfigureAwait(false);
