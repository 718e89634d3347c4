using System.Globalization;
using System.Text;

namespace ChurnActors.LoadTools.Chaos;

/// <summary>Plain-text lines of a chaos run's outcome, one block per scenario.</summary>
public static class ChaosReport
{
    public static string Describe(ChaosScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var c = scenario.Check;
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"scenario {scenario.Name}: {(scenario.Passed ? "PASS" : "FAIL")}").AppendLine()
            .Append(CultureInfo.InvariantCulture, $"  events sent {c.Sent}, acknowledged {c.Acknowledged}, abandoned {c.Abandoned}, batch retries {c.Retries}").AppendLine()
            .Append(CultureInfo.InvariantCulture, $"  customers {c.Customers}: logged {c.Logged}, applied {c.Applied}, lost {c.Lost}, doubled {c.Doubled + c.LogDuplicates}, behind {c.Behind}, without wake-up {c.WithoutWakeUp}").AppendLine()
            .Append(CultureInfo.InvariantCulture, $"  every customer up to date {(c.UpToDateAfter is { } after ? $"{after.TotalSeconds:F1} s after the load stopped" : "NOT within the deadline")}").AppendLine();
        foreach (var (label, value) in scenario.Figures)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {label}: {value}").AppendLine();
        }

        foreach (var failure in scenario.Failures)
        {
            text.Append(CultureInfo.InvariantCulture, $"  FAILED: {failure}").AppendLine();
        }

        return text.ToString();
    }
}
