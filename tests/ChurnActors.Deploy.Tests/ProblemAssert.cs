namespace ChurnActors.Deploy.Tests;

/// <summary>Asserts a check found nothing, showing every problem in full when it did.</summary>
internal static class ProblemAssert
{
    public static void None(IReadOnlyList<string> problems) =>
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
}
