namespace ChurnActors.Cli.Audiences;

/// <summary>The timings of one audience: its size, and the median and slowest of the count alone and of the full preview.</summary>
internal sealed record AudienceBenchRow(
    string Audience,
    string Filter,
    long Count,
    double CountMedianMs,
    double CountMaxMs,
    double PreviewMedianMs,
    double PreviewMaxMs,
    bool WithinTarget);
