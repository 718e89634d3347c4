using ChurnActors.Silo.Apis;
using ChurnActors.Silo.Auth;
using ChurnActors.Silo.Console;

namespace ChurnActors.Silo.Hosting;

/// <summary>Builds the host: the same composition for the executable and for tests.</summary>
public static class ChurnActorsApp
{
    /// <param name="args">Command-line arguments (standard .NET configuration plus <c>--in-memory</c>).</param>
    /// <param name="configure">Extra configuration applied before services are composed (tests).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);

        // --in-memory is a switch, not a key/value pair: keep it away from the command-line configuration provider,
        // which would otherwise take the next argument as its value.
        var inMemory = args.Contains(ChurnActorsHosting.InMemorySwitch, StringComparer.Ordinal);
        var builder = WebApplication.CreateBuilder([.. args.Where(a => a != ChurnActorsHosting.InMemorySwitch)]);
        builder.Configuration.AddKeyEnvironmentVariables();
        configure?.Invoke(builder);
        builder.AddChurnActors(inMemory);
        builder.AddChurnApi();
        builder.AddChurnConsole();
        builder.AddChurnTelemetry();

        builder.Services.AddExceptionHandler<ExceptionProblems>();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.MapChurnApi();
        app.MapChurnConsole();
        app.MapChurnTelemetry();
        return app;
    }
}
