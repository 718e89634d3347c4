using System.Diagnostics;

namespace ChurnActors.Storage.Telemetry;

/// <summary>A commit's sequence range and the context of its span (<see cref="CommitTraces"/>).</summary>
internal sealed record CommitTrace(long First, long Last, ActivityContext Context);
