namespace ChurnActors.Testing;

/// <summary>Locates the repository and the build outputs of the executables that tests start as processes.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

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
