using ChurnActors.Storage;
using Npgsql;

namespace ChurnActors.Testing;

/// <summary>
/// A fresh, uniquely named PostgreSQL database with every migration applied, dropped on dispose.
/// The admin connection string comes from <c>ConnectionStrings__ChurnActors</c> or falls back to the
/// local development server. An unreachable server is a test failure, never a skip.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    /// <summary>The local development server (see docs and deploy/local).</summary>
    public const string DevConnectionString =
        "Host=127.0.0.1;Port=5432;Username=churnactors;Password=churnactors;Database=churnactors;Maximum Pool Size=40";

    /// <summary>The environment variable that overrides <see cref="DevConnectionString"/>.</summary>
    public const string ConnectionStringVariable = "ConnectionStrings__ChurnActors";

    private readonly string _adminConnectionString;
    private bool _created;

    public PostgresDatabaseFixture()
        : this(Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : DevConnectionString)
    {
    }

    private PostgresDatabaseFixture(string adminConnectionString)
    {
        _adminConnectionString = adminConnectionString;
        DatabaseName = $"churnactors_test_{Guid.NewGuid():N}";
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = DatabaseName }.ConnectionString;
    }

    /// <summary>A database on the server that <paramref name="adminConnectionString"/> names (its role must CREATE DATABASE).</summary>
    public static PostgresDatabaseFixture OnServer(string adminConnectionString) => new(adminConnectionString);

    /// <summary>The name of the database this fixture owns.</summary>
    public string DatabaseName { get; }

    /// <summary>Connection string of the migrated test database.</summary>
    public string ConnectionString { get; }

    public async Task InitializeAsync()
    {
        await using (var admin = await OpenAdminConnectionAsync())
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {Quote(DatabaseName)}", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        _created = true;
        await Migrator.ApplyAsync(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (!_created)
        {
            return;
        }

        // Pooled connections (ours and the Orleans provider's) would otherwise keep the database busy.
        NpgsqlConnection.ClearAllPools();
        await using var admin = await OpenAdminConnectionAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Quote(DatabaseName)} WITH (FORCE)", admin);

        // FORCE cannot end an autovacuum worker that a busy test started on the database (it belongs to the
        // superuser); such a worker finishes or yields within moments, so try again for a little while.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (attempt < 20 && ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
    }

    /// <summary>Opens a connection to the test database.</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<NpgsqlConnection> OpenAdminConnectionAsync()
    {
        var connection = new NpgsqlConnection(_adminConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch (NpgsqlException ex)
        {
            await connection.DisposeAsync();
            var target = new NpgsqlConnectionStringBuilder(_adminConnectionString);
            var problem = ex is PostgresException postgres
                ? $"rejected the connection ({postgres.SqlState}: {postgres.MessageText})"
                : "is not reachable";
            throw new InvalidOperationException(
                $"PostgreSQL at {target.Host}:{target.Port} (user '{target.Username}') {problem}. " +
                "These tests need a real server and never skip: start the local one (run deploy/local/test.sh), " +
                $"or point {ConnectionStringVariable} at a server whose role may CREATE DATABASE.",
                ex);
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
