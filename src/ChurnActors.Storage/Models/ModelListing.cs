namespace ChurnActors.Storage.Models;

/// <summary>The registry at a glance, as the admin API and the CLI show it: the champion and every version, newest first.</summary>
/// <param name="Champion">The champion's version, or null.</param>
/// <param name="Models">Every version (without snapshots), newest first.</param>
public sealed record ModelListing(long? Champion, IReadOnlyList<RegisteredModel> Models);
