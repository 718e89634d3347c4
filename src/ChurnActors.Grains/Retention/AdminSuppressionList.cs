namespace ChurnActors.Grains.Retention;

/// <summary>The admin suppression list held in memory.</summary>
public sealed class AdminSuppressionList : ICustomerSuppression
{
    private volatile HashSet<string> _keys = new(StringComparer.Ordinal);

    public bool IsSuppressed(string customerKey) => _keys.Contains(customerKey);

    /// <summary>Replaces the list.</summary>
    public void Replace(IEnumerable<string> customerKeys) => _keys = new HashSet<string>(customerKeys, StringComparer.Ordinal);
}
