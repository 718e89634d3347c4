using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChurnActors.Storage.EventLog;

public static class EventLogServiceCollectionExtensions
{
    /// <summary>
    /// Registers the event log as <see cref="IEventLog"/> and, resolving to that same instance, under each of its
    /// roles: <see cref="IEventLogWriter"/>, <see cref="IEventLogReader"/> and <see cref="ICheckpointStore"/>. Called
    /// again, the last log registered serves every role.
    /// </summary>
    public static IServiceCollection AddEventLog(this IServiceCollection services, Func<IServiceProvider, IEventLog> factory)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(factory);
        services.TryAddSingleton<IEventLogWriter>(sp => sp.GetRequiredService<IEventLog>());
        services.TryAddSingleton<IEventLogReader>(sp => sp.GetRequiredService<IEventLog>());
        services.TryAddSingleton<ICheckpointStore>(sp => sp.GetRequiredService<IEventLog>());
        return services;
    }
}
