namespace ChurnActors.Testing;

/// <summary>Locates the repository and the build outputs of the executables that tests start as processes.</summary>
public static class RepositoryPaths
{
    /// <summary>The environment variable that names the shared data directory explicitly.</summary>
    public const string SharedDataVariable = "CHURNACTORS_SHARED_DATA";

    public static string Root { get; } = FindRoot();

    /// <summary>
    /// A file of the shop data shared beside the repository (<c>../shared/data</c> from the repository root; the files
    /// are read from there, never copied in). The directory is <see cref="SharedDataVariable"/> when set, else the
    /// nearest <c>shared/data</c> beside the repository or beside one of its ancestors (a clone one level deeper
    /// still finds it).
    /// </summary>
    public static string SharedData(string file)
    {
        var named = Environment.GetEnvironmentVariable(SharedDataVariable);
        if (!string.IsNullOrWhiteSpace(named))
        {
            var path = Path.Combine(named, file);
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"{SharedDataVariable} is {named}, which has no {file}.", path);
        }

        for (var directory = new DirectoryInfo(Root).Parent; directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "shared", "data", file);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException(
            $"The shared shop data ({file}) is not beside the repository ({Path.Combine(Root, "..", "shared", "data")}) nor beside " +
            $"any directory above it. Set {SharedDataVariable} to the directory that holds it.", file);
    }

    /// <summary>The configuration the tests were built with (Debug or Release), taken from the test assembly's path.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The built assembly of a project under src/, e.g. ("ChurnActors.Silo", "ChurnActors.Silo.dll").</summary>
    public static string BuiltAssembly(string project, string assembly)
    {
        var path = Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", assembly);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{assembly} is not built at {path}. Build the solution first (dotnet build ChurnActors.sln -c {Configuration}).", path);
        }

        return path;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ChurnActors.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ChurnActors.sln not found above the test assembly; run the tests from the repository.");
    }
}
