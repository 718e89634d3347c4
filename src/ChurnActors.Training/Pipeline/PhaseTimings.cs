namespace ChurnActors.Training.Pipeline;

/// <summary>
/// Wall-clock seconds of a run's phases, and the CPU seconds this process spent in each (on a shared machine the
/// CPU time shows the work done, the wall time what the other load left of it; the database's own CPU is not included).
/// </summary>
/// <param name="ReadAndReplay">Reading the log and building the rows (overlapped).</param>
/// <param name="Training">Training and exporting the candidates.</param>
/// <param name="Evaluation">Fitting the baselines and scoring model and baselines on the evaluation rows.</param>
/// <param name="Total">The whole run.</param>
/// <param name="ReadAndReplayCpu">CPU seconds of reading and replaying.</param>
/// <param name="TrainingCpu">CPU seconds of training.</param>
/// <param name="EvaluationCpu">CPU seconds of evaluation.</param>
/// <param name="TotalCpu">CPU seconds of the whole run.</param>
public sealed record PhaseTimings(
    double ReadAndReplay,
    double Training,
    double Evaluation,
    double Total,
    double ReadAndReplayCpu = double.NaN,
    double TrainingCpu = double.NaN,
    double EvaluationCpu = double.NaN,
    double TotalCpu = double.NaN);
