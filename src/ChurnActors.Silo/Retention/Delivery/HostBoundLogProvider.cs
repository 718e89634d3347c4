using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>
/// Hangfire's log provider is process-wide (LibLog's static), while a logger factory belongs to one host. With several
/// hosts in one process (the tests run dozens), the provider of a host that has stopped would throw from its disposed
/// factory inside another host's Hangfire client or workers. This provider writes through the host's factory and goes
/// silent once that factory is disposed, instead of failing the job that wanted to log.
/// </summary>
public sealed class HostBoundLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new Guarded(_inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Guarded(ILog inner) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return inner.Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
