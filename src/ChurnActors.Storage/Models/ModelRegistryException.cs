namespace ChurnActors.Storage.Models;

/// <summary>A registry request that was refused, with a message that says why and what to do.</summary>
public sealed class ModelRegistryException : Exception
{
    public ModelRegistryException()
    {
    }

    public ModelRegistryException(string message)
        : base(message)
    {
    }

    public ModelRegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelRegistryException(ModelRegistryError error, string message)
        : base(message)
    {
        Error = error;
    }

    public ModelRegistryError Error { get; } = ModelRegistryError.Invalid;
}
