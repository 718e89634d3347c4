namespace ChurnActors.Api.Tests.Telemetry;

/// <summary>
/// Tests that read the process-wide <c>ChurnActors</c> meter and activity source: they run alone, so no other test's
/// requests land in the counts or spans they read.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry (alone)";
}
