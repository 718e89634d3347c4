namespace ChurnActors.Storage.Audiences;

/// <summary>What a field holds, which decides the operators and values it takes.</summary>
public enum AudienceFieldKind
{
    /// <summary>Free text compared exactly, or case-insensitively with <c>contains</c>.</summary>
    Text = 0,

    /// <summary>A risk band: low, medium or high.</summary>
    Band,

    /// <summary>A scoring status: scored, insufficient-data or not-scored.</summary>
    Status,

    /// <summary>A real number.</summary>
    Number,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>An amount of money (exact decimal).</summary>
    Money,

    /// <summary>An instant, written as an ISO 8601 date or date and time with offset.</summary>
    Timestamp,

    /// <summary>Whole days elapsed from a stored instant to the time the audience is evaluated.</summary>
    Days,
}
