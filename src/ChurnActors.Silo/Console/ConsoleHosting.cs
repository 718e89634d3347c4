using ChurnActors.Silo.Console.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChurnActors.Silo.Console;

/// <summary>
/// The churn console: Razor Pages rendered by the host under <see cref="PathBase"/>, behind a cookie session opened
/// with an admin key, with anti-forgery tokens on every form and its stylesheet served by the host.
/// </summary>
public static class ConsoleHosting
{
    /// <summary>Where the console is served.</summary>
    public const string PathBase = "/console";

    /// <summary>The console's stylesheet, served from the assembly.</summary>
    public const string StylesheetPath = PathBase + "/console.css";

    private static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public static WebApplicationBuilder AddChurnConsole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton<ConsoleKeys>();
        services.TryAddSingleton<ConsoleReader>();
        services.TryAddSingleton<OverviewCache>();
        services.AddHostedService<OverviewWarmup>();

        services.AddAuthentication().AddCookie(ConsoleAuthentication.SchemeName, options =>
        {
            options.Cookie.Name = ConsoleAuthentication.CookieName;

            // The whole site, not just PathBase: the session also opens the Orleans dashboard at /orleans. Only the
            // console's pages and that dashboard accept it; the API authenticates keys alone.
            options.Cookie.Path = "/";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = PathBase + "/login";
            options.LogoutPath = PathBase + "/logout";
            options.AccessDeniedPath = PathBase + "/login";
            options.ExpireTimeSpan = SessionLifetime;
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = ValidateSessionAsync;
        });
        services.AddAuthorizationBuilder().AddPolicy(ConsoleAuthentication.PolicyName, policy => policy
            .AddAuthenticationSchemes(ConsoleAuthentication.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(ConsoleAuthentication.KeyHashClaim));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = ConsoleAuthentication.CookieName + ".csrf";
            options.Cookie.Path = PathBase;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = "__csrf";
        });

        services.AddRazorPages(options =>
            {
                options.RootDirectory = "/Console/Pages";
                options.Conventions.AddFolderRouteModelConvention("/", UnderPathBase);
                options.Conventions.AuthorizeFolder("/", ConsoleAuthentication.PolicyName);
                options.Conventions.AllowAnonymousToPage("/Login");
            })
            .ConfigureApplicationPartManager(AddPages);
        return builder;
    }

    /// <summary>The console's pages, its stylesheet, and the Server-Timing header on its answers.</summary>
    public static WebApplication MapChurnConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(c => c.Request.Path.StartsWithSegments(PathBase, StringComparison.OrdinalIgnoreCase), b => b.UseMiddleware<ServerTimingMiddleware>());
        app.MapGet(StylesheetPath, ConsoleAssets.Stylesheet).ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Every page's route starts with <see cref="PathBase"/>.</summary>
    private static void UnderPathBase(PageRouteModel model)
    {
        foreach (var selector in model.Selectors)
        {
            if (selector.AttributeRouteModel is { } route)
            {
                route.Template = AttributeRouteModel.CombineTemplates(PathBase.TrimStart('/'), route.Template);
            }
        }
    }

    /// <summary>
    /// The pages are compiled into this assembly; when another assembly is the entry (tests, tools hosting the engine),
    /// it is not found by default.
    /// </summary>
    private static void AddPages(ApplicationPartManager manager)
    {
        var assembly = typeof(ConsoleHosting).Assembly;
        if (manager.ApplicationParts.Any(p => p is AssemblyPart a && a.Assembly == assembly))
        {
            return;
        }

        foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
        {
            manager.ApplicationParts.Add(part);
        }
    }

    private static Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var keys = context.HttpContext.RequestServices.GetRequiredService<ConsoleKeys>();
        if (!keys.IsCurrent(context.Principal?.FindFirst(ConsoleAuthentication.KeyHashClaim)?.Value))
        {
            context.RejectPrincipal();
        }

        return Task.CompletedTask;
    }
}
