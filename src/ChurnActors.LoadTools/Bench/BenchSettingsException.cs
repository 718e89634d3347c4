namespace ChurnActors.LoadTools.Bench;

/// <summary>
/// A benchmark's settings turned out unusable once it started (a batch above the host's body limit, a latency log
/// that cannot be written): the caller treats it as a usage error.
/// </summary>
public sealed class BenchSettingsException : Exception
{
    public BenchSettingsException()
    {
    }

    public BenchSettingsException(string message)
        : base(message)
    {
    }

    public BenchSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
