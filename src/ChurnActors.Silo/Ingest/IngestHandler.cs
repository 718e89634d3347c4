using ChurnActors.Api.Contracts;
using ChurnActors.Domain.Events;
using ChurnActors.Grains.Dispatch;
using ChurnActors.Ingest;
using ChurnActors.Silo.Apis;
using ChurnActors.Silo.Auth;
using ChurnActors.Storage.EventLog;
using ChurnActors.Storage.Telemetry;
using Reasons = ChurnActors.Storage.Telemetry.ChurnActorsMetrics.RejectReasons;

namespace ChurnActors.Silo.Ingest;

/// <summary>
/// Reads, authenticates, validates and durably logs one request, and counts it in <see cref="ChurnActorsMetrics"/>:
/// events received and acknowledged, duplicates, requests refused by reason, and the time to acknowledge.
/// </summary>
public sealed class IngestHandler(WriteKeys keys, LogRoutes eventLog, DispatchAdmission dispatcher, TimeProvider time)
{
    private const int RetryAfterSeconds = 5;

    public async Task<IResult> HandleAsync(HttpContext context, CallType? call)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var receivedAt = time.GetUtcNow();
        var limit = call is null ? IngestLimits.MaxBatchBytes : IngestLimits.MaxEventBytes;
        // The key scheme has already read a header that carries a write key (its principal names the source); the
        // header is read again only when it did not, to tell a wrong key (401) from none or an unreadable one.
        var headerSource = context.User.FindFirst(KeyClaims.Source)?.Value;
        if (headerSource is null && WriteKeys.FromAuthorizationHeader(context.Request.Headers.Authorization) is not null)
        {
            return Rejected(Reasons.Unauthorized, Problems.Unauthorized("The write key in the Authorization header is not known. Use a configured write key as the Basic user name with an empty password."));
        }

        if (context.Request.ContentLength > limit)
        {
            return Rejected(Reasons.TooLarge, Problems.TooLarge(LimitText(call, context.Request.ContentLength.Value)));
        }

        var raw = await RequestBodyReader.ReadAsync(context.Request.Body, limit, context.Request.ContentLength, context.RequestAborted).ConfigureAwait(false);
        if (raw is null)
        {
            return Rejected(Reasons.TooLarge, Problems.TooLarge(LimitText(call, null)));
        }

        SegmentParseResult parsed;
        using (raw)
        {
            PooledBody? inflated = null;
            try
            {
                if (BodyDecoder.IsGzip(raw.Span))
                {
                    try
                    {
                        inflated = BodyDecoder.Inflate(raw.Memory);
                    }
                    catch (InvalidDataException)
                    {
                        return Rejected(Reasons.Malformed, Problems.Malformed("The body starts like gzip but does not decompress. Send plain JSON or valid gzip."));
                    }

                    if (inflated is null)
                    {
                        return Rejected(Reasons.TooLarge, Problems.TooLarge(LimitText(call, null)));
                    }
                }

                var body = inflated?.Memory ?? raw.Memory;
                if (body.Length > limit)
                {
                    return Rejected(Reasons.TooLarge, Problems.TooLarge(LimitText(call, null)));
                }

                // With the key in the header the source is known up front, so events are built with it directly.
                parsed = SegmentParser.Parse(body, call, receivedAt, headerSource ?? "");
            }
            finally
            {
                inflated?.Dispose();
            }
        }

        var bodyKey = headerSource is null ? parsed.BodyWriteKey : null;
        if (headerSource is null && bodyKey is null && parsed.Problems.Any(p => p.Kind == IngestProblemKind.Malformed && p.Index is null))
        {
            return Rejected(Reasons.Malformed, Problems.Refused(parsed.Problems));
        }

        var source = headerSource ?? keys.SourceOf(bodyKey);
        if (source is null)
        {
            return Rejected(Reasons.Unauthorized, Problems.Unauthorized(bodyKey is null
                ? "No write key: send HTTP Basic auth with the write key as user name and an empty password, or \"writeKey\" in the body."
                : "The write key is not known. Use a configured write key."));
        }

        ChurnActorsMetrics.EventsReceived.Add(parsed.Events.Count);
        if (!parsed.IsValid)
        {
            var reason = parsed.Problems.Any(p => p.Kind == IngestProblemKind.Malformed && p.Index is null) ? Reasons.Malformed : Reasons.Invalid;
            return Rejected(reason, Problems.Refused(parsed.Problems));
        }

        IReadOnlyList<IncomingEvent> events = headerSource is not null
            ? parsed.Events
            : [.. parsed.Events.Select(e => e with { Source = source })];
        try
        {
            if (!await dispatcher.WaitForRoomAsync(context.RequestAborted).ConfigureAwait(false))
            {
                context.Response.Headers.RetryAfter = "1";
                return Rejected(Reasons.Backlog, Problems.Unavailable(
                    $"The engine is {dispatcher.Backlog:N0} events behind applying what it has already logged, so nothing of this request was stored. Retry after 1 s with the same messageIds."));
            }

            var result = await eventLog.AppendAsync(events, context.RequestAborted).ConfigureAwait(false);
            ChurnActorsMetrics.EventsAcknowledged.Add(events.Count);
            if (result.Duplicates > 0)
            {
                ChurnActorsMetrics.EventsDuplicates.Add(result.Duplicates);
            }

            ChurnActorsMetrics.AckLatency.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            return TypedResults.Ok(new IngestResponse(true, result.Accepted, result.Duplicates));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return TypedResults.Empty; // the client went away; its events are committed all the same
        }
        catch (EventLogRejectedException ex)
        {
            // The parser refuses what the store cannot keep; this answers whatever still slips past it, alone.
            return Rejected(Reasons.Invalid, Problems.Refused([new IngestProblem(IngestProblemKind.Invalid, null, null,
                $"{ex.Message} Correct the values before sending these events again: unchanged, they are refused again.")]));
        }
        catch (EventLogUnavailableException ex)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Rejected(Reasons.StoreUnavailable, Problems.Unavailable(ex.InnerException is null // not the database failing: the log shutting down, or another silo's writer
                ? $"{ex.Message} Retry after {RetryAfterSeconds} s with the same messageIds."
                : $"The event store is unreachable, so nothing of this request was stored. Retry after {RetryAfterSeconds} s with the same messageIds."));
        }
    }

    /// <summary>Counts a refused request under <paramref name="reason"/> (a constant: no allocation) and returns its answer.</summary>
    private static IResult Rejected(string reason, IResult problem)
    {
        ChurnActorsMetrics.EventsRejected.Add(1, new KeyValuePair<string, object?>(ChurnActorsMetrics.ReasonTag, reason));
        return problem;
    }

    private static string LimitText(CallType? call, long? size)
    {
        var actual = size is { } s ? $" (this one is {s:N0} bytes)" : "";
        return call is null
            ? $"A batch may be at most {IngestLimits.MaxBatchBytes:N0} bytes of JSON{actual}; send fewer events per request."
            : $"One event may be at most {IngestLimits.MaxEventBytes:N0} bytes of JSON{actual}; trim its properties or context.";
    }
}
