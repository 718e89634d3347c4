using System.Diagnostics;
using System.Globalization;

namespace ChurnActors.Silo.Console;

/// <summary>
/// Adds <c>Server-Timing: app;dur=MS</c> to every console answer: the time the host spent on it, which the browser's
/// developer tools and the console benchmark read.
/// </summary>
public sealed class ServerTimingMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            context.Response.Headers["Server-Timing"] = "app;dur=" + elapsed.ToString("0.0", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        return next(context);
    }
}
