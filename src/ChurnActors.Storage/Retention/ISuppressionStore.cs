namespace ChurnActors.Storage.Retention;

/// <summary>
/// The admin suppression list: customers that no playbook or campaign may contact, whatever their events say. Keys are
/// checked by the caller (<see cref="SuppressionRules"/>); the store keeps what it is given.
/// </summary>
public interface ISuppressionStore
{
    /// <summary>Puts the customer on the list, or replaces its reason when it is there already (keeping when it was added).</summary>
    Task<SuppressionAddResult> AddAsync(string customerKey, string reason, CancellationToken cancellationToken);

    /// <summary>Takes the customer off the list; false when it was not on it.</summary>
    Task<bool> RemoveAsync(string customerKey, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> entries whose key sorts (ordinally) after <paramref name="after"/>, or from the first when null.</summary>
    Task<SuppressionPage> ListAsync(int limit, string? after, CancellationToken cancellationToken);

    /// <summary>True when the customer is on the list.</summary>
    Task<bool> ContainsAsync(string customerKey, CancellationToken cancellationToken);

    /// <summary>A number that changes whenever the list changes: a cache reloads the keys only when it has moved.</summary>
    Task<long> ReadVersionAsync(CancellationToken cancellationToken);

    /// <summary>Every key on the list (read the version first: a change in between shows as a newer version next time).</summary>
    Task<IReadOnlyList<string>> ReadKeysAsync(CancellationToken cancellationToken);
}
