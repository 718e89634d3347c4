using ChurnActors.Storage.EventLog;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace ChurnActors.Silo.Apis;

/// <summary>
/// Turns an exception that escapes an endpoint into problem details: 400 when PostgreSQL refused a value the request
/// carried (retrying the same request cannot help), 503 with Retry-After when the store is unreachable or the cluster
/// is overloaded (the client should retry), 500 otherwise. The host stays up either way.
/// </summary>
public sealed partial class ExceptionProblems(ILogger<ExceptionProblems> logger) : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        IResult result;
        if (DataError(exception) is { } refused)
        {
            Refused(logger, httpContext.Request.Path, refused);
            result = TypedResults.Problem(
                detail: $"The database refused a value of this request: {CommitFailure.Describe(refused)}. Fix the value; sending it again unchanged fails the same way.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Value refused by the store",
                type: "https://churnactors.dev/problems/refused");
        }
        else if (IsTransient(exception))
        {
            Transient(logger, httpContext.Request.Path, exception);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            result = TypedResults.Problem(
                detail: $"A store or the cluster is temporarily unavailable ({exception.GetType().Name}). Retry after {RetryAfterSeconds} s.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Temporarily unavailable",
                type: "https://churnactors.dev/problems/unavailable");
        }
        else
        {
            Unexpected(logger, httpContext.Request.Path, exception);
            result = TypedResults.Problem(
                detail: "The engine failed to handle this request; the error is logged. Nothing already acknowledged is lost.",
                statusCode: StatusCodes.Status500InternalServerError,
                title: "Internal error",
                type: "https://churnactors.dev/problems/internal");
        }

        await result.ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }

    private static Exception? DataError(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (CommitFailure.IsDataError(e))
            {
                return e;
            }
        }

        return null;
    }

    private static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException or EventLogUnavailableException or TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Request {Path} failed transiently; answered 503")]
    private static partial void Transient(ILogger logger, PathString path, Exception exception);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Request {Path} carried a value the database refused; answered 400")]
    private static partial void Refused(ILogger logger, PathString path, Exception exception);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Request {Path} failed; answered 500")]
    private static partial void Unexpected(ILogger logger, PathString path, Exception exception);
}
