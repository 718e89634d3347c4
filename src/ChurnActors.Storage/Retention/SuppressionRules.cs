using System.Text;

namespace ChurnActors.Storage.Retention;

/// <summary>What the suppression list accepts: customer keys the engine can have, and short reasons.</summary>
public static class SuppressionRules
{
    /// <summary>
    /// Longest customer key, in bytes of UTF-8: the ingest limit of a userId or anonymousId (1,024 bytes) plus the
    /// <c>anon:</c> prefix of an anonymous visitor's key. A longer key names no customer the engine can have.
    /// </summary>
    public const int MaxCustomerKeyBytes = 1024 + 5;

    /// <summary>Longest reason, in chars.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The reason stored when none is given.</summary>
    public const string DefaultReason = "added by an admin";

    /// <summary>Why <paramref name="customerKey"/> cannot be on the list, or null when it can.</summary>
    public static string? CustomerKeyProblem(string? customerKey)
    {
        if (string.IsNullOrWhiteSpace(customerKey))
        {
            return "The customer id is empty; give the customer's userId (or 'anon:' and its anonymousId), as GET /v1/users/{id} takes it.";
        }

        if (customerKey.Any(char.IsControl))
        {
            return "The customer id contains control characters; give the customer's userId as it is sent in events.";
        }

        var bytes = Encoding.UTF8.GetByteCount(customerKey);
        return bytes > MaxCustomerKeyBytes
            ? $"The customer id is {bytes:N0} bytes of UTF-8; no customer's id is longer than {MaxCustomerKeyBytes:N0} bytes (the ingest limit of a userId)."
            : null;
    }

    /// <summary>Why <paramref name="reason"/> cannot be stored, or null when it can (null means <see cref="DefaultReason"/>).</summary>
    public static string? ReasonProblem(string? reason)
    {
        if (reason is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return "The reason is blank; leave it out (the default is \"" + DefaultReason + "\") or say why, e.g. \"asked by phone not to be contacted\".";
        }

        return reason.Length > MaxReasonLength
            ? $"The reason is {reason.Length:N0} characters; keep it to {MaxReasonLength} (a ticket number and a few words)."
            : null;
    }

    /// <summary>The reason to store: <paramref name="reason"/> trimmed, or <see cref="DefaultReason"/>.</summary>
    public static string ReasonOrDefault(string? reason) => reason?.Trim() is { Length: > 0 } given ? given : DefaultReason;
}
