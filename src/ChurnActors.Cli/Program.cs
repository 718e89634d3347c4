using ChurnActors.Cli;

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

return await CliApp.CreateDefault().RunAsync(args, CliContext.FromConsole(), cancellation.Token).ConfigureAwait(false);
