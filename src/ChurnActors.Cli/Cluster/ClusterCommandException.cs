namespace ChurnActors.Cli.Cluster;

/// <summary>The host could not be reached or refused: the message says which and why.</summary>
internal sealed class ClusterCommandException : Exception
{
    public ClusterCommandException(string message)
        : base(message)
    {
    }

    public ClusterCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
