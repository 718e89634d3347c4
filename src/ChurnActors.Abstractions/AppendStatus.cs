namespace ChurnActors.Abstractions;

/// <summary>The outcome of an <see cref="ILogWriterGrain.AppendAsync"/> call.</summary>
[GenerateSerializer, Alias("ChurnActors.AppendStatus")]
public enum AppendStatus
{
    /// <summary>Every event is durable (or was already).</summary>
    Committed,

    /// <summary>The store refused the events' data; nothing of them was stored.</summary>
    Refused,

    /// <summary>The store was unreachable or the silo too far behind; nothing of them was stored. Retry later.</summary>
    Unavailable,
}
