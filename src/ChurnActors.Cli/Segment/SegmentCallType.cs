namespace ChurnActors.Cli.Segment;

/// <summary>The Segment calls the CLI generates.</summary>
internal enum SegmentCallType
{
    Track,
    Identify,
    Page,
}
