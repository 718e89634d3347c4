namespace ChurnActors.Training.Pipeline;

/// <summary>Wall-clock seconds of a run's phases.</summary>
/// <param name="ReadAndReplay">Reading the log and building the rows (overlapped).</param>
/// <param name="Training">Training and exporting the candidates.</param>
/// <param name="Evaluation">Fitting the baselines and scoring model and baselines on the evaluation rows.</param>
/// <param name="Total">The whole run.</param>
public sealed record PhaseTimings(double ReadAndReplay, double Training, double Evaluation, double Total);
