using ChurnActors.Grains.Retention;

namespace ChurnActors.Grains.Tests.Retention;

/// <summary>A suppression list the test sets.</summary>
public sealed class FixedSuppressionList : ICustomerSuppression
{
    private volatile HashSet<string> _keys = new(StringComparer.Ordinal);

    public bool IsSuppressed(string customerKey) => _keys.Contains(customerKey);

    /// <summary>Replaces the list.</summary>
    public void Replace(IEnumerable<string> customerKeys) => _keys = new HashSet<string>(customerKeys, StringComparer.Ordinal);
}
