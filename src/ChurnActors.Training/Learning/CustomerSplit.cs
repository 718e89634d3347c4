namespace ChurnActors.Training.Learning;

/// <summary>
/// Splits customers (not rows) into training and validation by a stable hash of the customer key, so every row of a
/// customer lands on the same side and a rerun makes the same split.
/// </summary>
public static class CustomerSplit
{
    /// <summary>A number in [0, 1) fixed for <paramref name="customerKey"/> (FNV-1a over its UTF-16 code units).</summary>
    public static double Position(string customerKey)
    {
        ArgumentNullException.ThrowIfNull(customerKey);
        var hash = 14695981039346656037UL;
        foreach (var c in customerKey)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        // Mix the high bits down: FNV's low bits are weak for short keys that differ in their last characters.
        hash ^= hash >> 29;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 32;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>True when the customer's rows validate rather than train.</summary>
    public static bool IsValidation(string customerKey, double validationShare) => Position(customerKey) < validationShare;
}
