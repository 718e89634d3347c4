using System.Collections;
using System.ComponentModel;
using System.Reflection;
using ChurnActors.Silo.Auth;
using ChurnActors.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChurnActors.Deploy.Tests;

/// <summary>
/// Checks that an environment variable a deploy file sets names a setting the code reads, with a value it accepts:
/// <c>ChurnActors__A__B</c> is the configuration key <c>ChurnActors:A:B</c>, bound (by reflection, like the
/// configuration binder) to a property of the options class whose <c>SectionName</c> is the longest prefix of the key,
/// or read directly under a constant of the code that spells the whole key.
/// </summary>
internal static class EnvironmentSettings
{
    /// <summary>Variables the .NET runtime and ASP.NET Core read themselves.</summary>
    private static readonly HashSet<string> PlatformVariables = new(StringComparer.Ordinal)
    {
        "ASPNETCORE_HTTP_PORTS",
        "DOTNET_SHUTDOWNTIMEOUTSECONDS",
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_SERVICE_NAME",
    };

    private static readonly Lazy<IReadOnlyList<(string Section, Type Options)>> Sections = new(FindSections);

    private static readonly Lazy<IReadOnlySet<string>> KeyConstants = new(FindKeyConstants);

    /// <summary>What is wrong with each variable, one line each; empty when every one names a real setting.</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<KeyValuePair<string, string?>> variables, string where) =>
        [.. variables.Select(v => Problem(v.Key, v.Value) is { } problem ? $"{where}: {problem}" : null).OfType<string>()];

    /// <summary>What is wrong with one variable, or null when the code reads it and accepts its value.</summary>
    public static string? Problem(string variable, string? value)
    {
        if (PlatformVariables.Contains(variable) || KeyEnvironment.Mappings.Any(m => m.Variable == variable))
        {
            return null;
        }

        if (variable == CodeDefaults.ConnectionStringVariable)
        {
            return null;
        }

        var key = variable.Replace("__", ":", StringComparison.Ordinal);
        if (key.StartsWith("Logging:LogLevel:", StringComparison.Ordinal))
        {
            return Enum.TryParse<LogLevel>(value, ignoreCase: true, out _) ? null : $"{variable}={value}: not a log level ({string.Join(", ", Enum.GetNames<LogLevel>())}).";
        }

        if (!key.StartsWith("ChurnActors:", StringComparison.Ordinal))
        {
            return $"{variable}: neither a ChurnActors setting (ChurnActors__Section__Key) nor a variable the platform or the key mapping reads.";
        }

        if (KeyConstants.Value.Contains(key))
        {
            return null;
        }

        return Bind(key, value);
    }

    /// <summary>Whether the code has the key today (an options property or a constant), whatever the value.</summary>
    public static bool CodeHas(string key) => KeyConstants.Value.Contains(key) || Bind(key, value: null) is null;

    /// <summary>
    /// The host's shutdown timeout under these variables: the time a graceful stop may take, which an orchestrator must
    /// wait out before it kills the process. Read through the generic host itself, as the image's host reads it.
    /// </summary>
    public static TimeSpan ShutdownTimeout(IReadOnlyDictionary<string, string?> variables)
    {
        const string DotnetPrefix = "DOTNET_";
        var configuration = variables
            .Where(v => v.Key.StartsWith(DotnetPrefix, StringComparison.Ordinal))
            .ToDictionary(v => v.Key[DotnetPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), v => v.Value);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
    }

    private static string? Bind(string key, string? value)
    {
        var segments = key.Split(':');
        var section = Sections.Value
            .Where(s => s.Section.Split(':') is var parts && parts.Length <= segments.Length &&
                        parts.Zip(segments).All(p => string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(s => s.Section.Length)
            .FirstOrDefault();
        if (section.Options is null)
        {
            return $"{key}: no options class binds a section above it (known: {string.Join(", ", Sections.Value.Select(s => s.Section))}).";
        }

        var type = section.Options;
        foreach (var segment in segments.Skip(section.Section.Split(':').Length))
        {
            if (ElementType(type) is { } element)
            {
                type = element; // a list index or a dictionary key
                continue;
            }

            var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || property.GetMethod is null)
            {
                return $"{key}: {type.Name} has no property {segment} (its properties: {string.Join(", ", type.GetProperties().Select(p => p.Name))}).";
            }

            type = property.PropertyType;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        var converter = TypeDescriptor.GetConverter(type);
        if (type != typeof(string) && (ElementType(type) is not null || !converter.CanConvertFrom(typeof(string))))
        {
            return $"{key}: a section of {type.Name}, not a single value.";
        }

        if (value is null || type == typeof(string))
        {
            return null;
        }

        try
        {
            _ = converter.ConvertFromInvariantString(value);
            return null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return $"{key}={value}: not a valid {type.Name} ({ex.InnerException?.Message ?? ex.Message}).";
        }
    }

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var dictionary = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is not null)
        {
            return dictionary.GetGenericArguments()[1];
        }

        return typeof(IEnumerable).IsAssignableFrom(type)
            ? type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
            : null;
    }

    /// <summary>The ChurnActors assemblies the host is made of.</summary>
    private static IReadOnlyList<Assembly> CodeAssemblies()
    {
        var found = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(ChurnActorsApp).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            if (!found.TryAdd(assembly.GetName().Name!, assembly))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("ChurnActors.", StringComparison.Ordinal)))
            {
                pending.Push(Assembly.Load(reference));
            }
        }

        return [.. found.Values];
    }

    private static IReadOnlyList<(string Section, Type Options)> FindSections() =>
        [.. CodeAssemblies()
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string) && x.Type.GetConstructor(Type.EmptyTypes) is not null)
            .Select(x => ((string)x.Field!.GetRawConstantValue()!, x.Type))
            .Where(x => x.Item1 == "ChurnActors" || x.Item1.StartsWith("ChurnActors:", StringComparison.Ordinal))];

    private static HashSet<string> FindKeyConstants() =>
        CodeAssemblies()
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name != "SectionName")
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(v => v.StartsWith("ChurnActors:", StringComparison.Ordinal) && !v.EndsWith(':'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
}
