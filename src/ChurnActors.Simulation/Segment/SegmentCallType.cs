namespace ChurnActors.Simulation.Segment;

/// <summary>The Segment calls the CLI generates.</summary>
public enum SegmentCallType
{
    Track,
    Identify,
    Page,
}
