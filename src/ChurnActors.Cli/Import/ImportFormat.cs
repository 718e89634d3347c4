namespace ChurnActors.Cli.Import;

/// <summary>The input formats <c>churnactors import</c> reads.</summary>
internal enum ImportFormat
{
    /// <summary>The CDNOW transaction log (whitespace-separated, one purchase a line; same-day purchases merged).</summary>
    Cdnow,

    /// <summary>The UCI Online Retail invoice lines (CSV, optionally gzip): one invoice, one order or refund.</summary>
    OnlineRetail,

    /// <summary>One Segment message (JSON) a line, as <c>churnactors simulate --out</c> writes.</summary>
    SegmentJsonl,

    /// <summary>Any CSV with a header row, its columns mapped to event fields with <c>--map</c>.</summary>
    Csv,
}
