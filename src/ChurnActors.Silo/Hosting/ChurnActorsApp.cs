using ChurnActors.Silo.Apis;

namespace ChurnActors.Silo.Hosting;

/// <summary>Builds the host: the same composition for the executable and for tests.</summary>
public static class ChurnActorsApp
{
    /// <param name="args">Command-line arguments (standard .NET configuration plus <c>--in-memory</c>).</param>
    /// <param name="configure">Extra configuration applied before services are composed (tests).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddChurnActors(args);

        builder.Services.AddExceptionHandler<ExceptionProblems>();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.MapHealthApi();
        app.MapIngestApi();
        app.MapUsersApi();
        return app;
    }
}
