using ChurnActors.Domain.Events;
using Npgsql;
using NpgsqlTypes;

namespace ChurnActors.Storage.EventLog;

/// <summary>
/// One row of the <c>events</c> table in binary COPY form: the one layout both the live log writer
/// (<see cref="PostgresEventLog"/>) and the bulk loader (<see cref="EventLogBulkLoader"/>) write.
/// </summary>
internal static class EventRows
{
    /// <summary>Starts a binary COPY into <c>events</c> with the columns <see cref="Write"/> fills, in its order.</summary>
    public const string Copy =
        """
        COPY events (seq, source, message_id, dedupe_key, customer_key, user_id, anonymous_id, call_type, event_name,
                     occurred_at, sent_at, received_at, properties, time_zone, country, unsubscribed) FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>
    /// Writes one row synchronously into the importer's buffer (per-field async calls cost more than the copy
    /// itself; both writers are the only users of their importer).
    /// </summary>
    public static void Write(NpgsqlBinaryImporter importer, long sequence, IncomingEvent incoming, Guid dedupeKey, string customerKey)
    {
        var e = incoming.Event;
        importer.StartRow();
        importer.Write(sequence, NpgsqlDbType.Bigint);
        importer.Write(incoming.Source, NpgsqlDbType.Text);
        importer.Write(incoming.MessageId, NpgsqlDbType.Text);
        importer.Write(dedupeKey, NpgsqlDbType.Uuid);
        importer.Write(customerKey, NpgsqlDbType.Text);
        WriteNullable(importer, e.UserId, NpgsqlDbType.Text);
        WriteNullable(importer, e.AnonymousId, NpgsqlDbType.Text);
        importer.Write((short)e.Call, NpgsqlDbType.Smallint);
        WriteNullable(importer, e.Name, NpgsqlDbType.Text);
        importer.Write(e.Timestamp, NpgsqlDbType.TimestampTz);
        if (incoming.SentAt is { } sentAt)
        {
            importer.Write(sentAt, NpgsqlDbType.TimestampTz);
        }
        else
        {
            importer.WriteNull();
        }

        importer.Write(e.ReceivedAt, NpgsqlDbType.TimestampTz);
        WriteNullable(importer, incoming.PropertiesJson, NpgsqlDbType.Text); // UTF-8 bytes, stored as the text they encode
        WriteNullable(importer, e.TimeZone, NpgsqlDbType.Text);
        WriteNullable(importer, e.Country, NpgsqlDbType.Text);
        if (e.Unsubscribed is { } unsubscribed)
        {
            importer.Write(unsubscribed, NpgsqlDbType.Boolean);
        }
        else
        {
            importer.WriteNull();
        }
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
        where T : class
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, type);
        }
    }
}
