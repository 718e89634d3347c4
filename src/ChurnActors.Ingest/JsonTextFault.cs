namespace ChurnActors.Ingest;

/// <summary>Why JSON text cannot be stored as sent: what <see cref="JsonTextCheck"/> finds.</summary>
internal enum JsonTextFault
{
    /// <summary>The text can be stored.</summary>
    None,

    /// <summary>Bytes that are not UTF-8 (PostgreSQL refuses them in text).</summary>
    InvalidUtf8,

    /// <summary>A <c>\u0000</c> escape: the NUL character, which PostgreSQL text cannot hold and jsonb refuses.</summary>
    NulCharacter,

    /// <summary>A <c>\uD800</c>-<c>\uDFFF</c> escape that is not half of a surrogate pair: no character at all.</summary>
    LoneSurrogate,
}
