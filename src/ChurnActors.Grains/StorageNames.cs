namespace ChurnActors.Grains;

/// <summary>Names of the Orleans storage providers, in one place.</summary>
public static class StorageNames
{
    /// <summary>Per-customer grain state (<see cref="Customers.UserGrain"/>).</summary>
    public const string Customers = "customers";

    /// <summary>
    /// The provider behind <see cref="Customers"/> (Orleans ADO.NET, or memory in the in-memory mode), which grains
    /// reach through <see cref="Storage.NewCustomerGrainStorage"/>.
    /// </summary>
    public const string CustomerStore = "customers-store";
}
