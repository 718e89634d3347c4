using System.Text.Json;

namespace ChurnActors.Api.Contracts;

/// <summary>One dead-lettered webhook of <c>GET /v1/admin/deliveries/dead-letters</c>.</summary>
public sealed record DeadLetterResponse
{
    /// <summary>The action's idempotency key (the <c>Idempotency-Key</c> header of every attempt).</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The configured endpoint's name.</summary>
    public required string Endpoint { get; init; }

    /// <summary>Attempts made, the last included.</summary>
    public required int Attempts { get; init; }

    /// <summary>The last answer's HTTP status; null when no answer came.</summary>
    public int? LastStatusCode { get; init; }

    /// <summary>Why the last attempt failed.</summary>
    public string? LastError { get; init; }

    /// <summary>When the action was enqueued.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the last attempt failed.</summary>
    public required DateTimeOffset DeadLetteredAt { get; init; }

    /// <summary>The JSON body every attempt sent.</summary>
    public required JsonElement Payload { get; init; }
}
