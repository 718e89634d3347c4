using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace ChurnActors.Grains.Storage;

public static class NewCustomerStorageExtensions
{
    /// <summary>
    /// Registers <paramref name="name"/> as <see cref="NewCustomerGrainStorage"/> over the storage provider
    /// registered as <paramref name="storeName"/>, and the <see cref="NewCustomerHints"/> the dispatcher fills.
    /// </summary>
    public static ISiloBuilder AddNewCustomerStorage(this ISiloBuilder silo, string name, string storeName)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton<NewCustomerHints>();
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new NewCustomerGrainStorage(
            sp.GetRequiredKeyedService<IGrainStorage>(storeName), sp.GetRequiredService<NewCustomerHints>()));
        return silo;
    }
}
