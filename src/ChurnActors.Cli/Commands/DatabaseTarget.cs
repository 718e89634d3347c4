using System.Net.Sockets;
using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using Npgsql;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// Resolves the PostgreSQL connection string for the <c>db</c> commands (option, then environment variable) and
/// turns Npgsql failures into one readable line that never shows the password.
/// </summary>
internal static class DatabaseTarget
{
    public const string EnvironmentVariable = "ConnectionStrings__ChurnActors";

    public static Option<string?> Connection() => CliOptions.Text(
        "--connection", "CS", $"PostgreSQL connection string (default: the {EnvironmentVariable} environment variable).");

    /// <summary>The connection string from the option or the environment, checked for syntax.</summary>
    /// <exception cref="UsageException">Neither gives one, or it is not a valid connection string.</exception>
    public static string ResolveConnectionString(string? given, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var connectionString = given;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = context.GetEnvironmentVariable(EnvironmentVariable);
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new UsageException(
                $"no database connection string: pass --connection \"Host=...;Username=...;Password=...;Database=...\" " +
                $"or set the {EnvironmentVariable} environment variable");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"invalid connection string: {ex.Message}", ex);
        }

        return connectionString;
    }

    /// <summary>A password-free description such as <c>127.0.0.1:5432/churnactors as churnactors</c>.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var host = string.IsNullOrEmpty(builder.Host) ? "localhost" : builder.Host;
        var database = string.IsNullOrEmpty(builder.Database) ? builder.Username ?? "?" : builder.Database;
        var user = string.IsNullOrEmpty(builder.Username) ? string.Empty : $" as {builder.Username}";
        return $"{host}:{builder.Port}/{database}{user}";
    }

    /// <summary>The most useful single line about why a database call failed.</summary>
    public static string Reason(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            PostgresException postgres => $"{postgres.MessageText} (SQLSTATE {postgres.SqlState})",
            NpgsqlException { InnerException: SocketException socket } => socket.Message,
            NpgsqlException { InnerException: TimeoutException } => "connection attempt timed out",
            NpgsqlException { InnerException: { } inner } npgsql => $"{npgsql.Message}: {inner.Message}",
            _ => exception.Message,
        };
    }

    /// <summary>
    /// The connection string of a reachable database, or null after telling the user (on stderr) why there is none.
    /// Opening (and closing) a connection first reports an unreachable database as such, not as a failure of the work.
    /// </summary>
    public static async Task<string?> ResolveReachableAsync(string? given, CliContext context, CancellationToken cancellationToken)
    {
        var connectionString = ResolveConnectionString(given, context);
        if (await CheckReachableAsync(connectionString, cancellationToken).ConfigureAwait(false) is { } unreachable)
        {
            await context.Error.WriteLineAsync($"error: {unreachable}").ConfigureAwait(false);
            return null;
        }

        return connectionString;
    }

    private static async Task<string?> CheckReachableAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or SocketException or InvalidOperationException)
        {
            return $"cannot connect to PostgreSQL at {Describe(connectionString)}: {Reason(ex)}";
        }
    }
}
