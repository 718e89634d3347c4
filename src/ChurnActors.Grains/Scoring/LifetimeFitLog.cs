using Microsoft.Extensions.Logging;

namespace ChurnActors.Grains.Scoring;

internal static partial class LifetimeFitLog
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Lifetime model {Version} fitted on {Customers} customers ({Repeaters} repeat): BG/NBD r={R:G4} alpha={Alpha:G4} a={A:G4} b={B:G4} in {Seconds:F1} s")]
    public static partial void Fitted(ILogger logger, string version, int customers, int repeaters, double r, double alpha, double a, double b, double seconds);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Lifetime model not fitted: {Customers} customers with orders, {Repeaters} repeat customers is too little history")]
    public static partial void TooLittleData(ILogger logger, int customers, int repeaters);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "Lifetime fit on {Customers} customers gave no usable parameters; keeping the previous fit")]
    public static partial void NotConverged(ILogger logger, int customers);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "Lifetime fit failed; keeping the previous fit and trying again later")]
    public static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Information, Message = "Lifetime fit requested through the admin API")]
    public static partial void Requested(ILogger logger);

    [LoggerMessage(EventId = 3206, Level = LogLevel.Information, Message = "Lifetime fit runs early: {Orders} orders committed since the try that found too little history (it needed at least {Shortfall} more)")]
    public static partial void EnoughOrders(ILogger logger, long orders, int shortfall);

    [LoggerMessage(EventId = 3207, Level = LogLevel.Information, Message = "Lifetime model {Version} loaded: node {Node} fitted it for the cluster")]
    public static partial void Loaded(ILogger logger, string version, string node);
}
