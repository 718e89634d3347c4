namespace ChurnActors.Grains;

/// <summary>Names of the Orleans storage providers, in one place.</summary>
public static class StorageNames
{
    /// <summary>Per-customer grain state (<see cref="Customers.UserGrain"/>).</summary>
    public const string Customers = "customers";
}
