namespace ChurnActors.Grains.Retention;

/// <summary>The admin suppression list as a customer grain asks it: answered from memory, never waiting on a database.</summary>
public interface ICustomerSuppression
{
    /// <summary>Whether an admin put the customer on the suppression list.</summary>
    bool IsSuppressed(string customerKey);
}
