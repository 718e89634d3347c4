namespace ChurnActors.LoadTools.Demo;

/// <summary>The settings of one <see cref="DemoRun"/> run.</summary>
public sealed record DemoSettings(Uri Url, string WriteKey, string ReadKey, int Customers, TimeSpan Timeout);
