namespace ChurnActors.Silo.Console;

/// <summary>The console's static assets, embedded in the assembly so the host serves them wherever it runs.</summary>
public static class ConsoleAssets
{
    private static readonly Lazy<byte[]> Css = new(() => Read("console.css"));

    /// <summary>GET /console/console.css.</summary>
    public static IResult Stylesheet(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Bytes(Css.Value, "text/css; charset=utf-8");
    }

    private static byte[] Read(string name)
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("Console.Assets." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
