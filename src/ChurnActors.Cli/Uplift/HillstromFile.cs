using ChurnActors.Cli.Import;

namespace ChurnActors.Cli.Uplift;

/// <summary>What <see cref="HillstromReader"/> read: the good rows, how many rows were bad and the first few of them.</summary>
internal sealed record HillstromFile(IReadOnlyList<HillstromRecord> Records, long BadRowCount, IReadOnlyList<BadRow> FirstBadRows);
