namespace ChurnActors.LoadTools.Chaos;

/// <summary>One scenario of a chaos run: what it checked and what it measured.</summary>
/// <param name="Name">kill, drain, add or rolling-restart.</param>
/// <param name="Check">Sent, acknowledged, applied, lost, doubled.</param>
/// <param name="Figures">What the scenario measured besides (label, value), in print order.</param>
/// <param name="Failures">What the scenario found wrong beyond <see cref="ChaosCheck.Passed"/> (empty when nothing).</param>
public sealed record ChaosScenario(string Name, ChaosCheck Check, IReadOnlyList<KeyValuePair<string, string>> Figures, IReadOnlyList<string> Failures)
{
    public bool Passed => Check.Passed && Failures.Count == 0;
}
