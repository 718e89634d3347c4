using Hangfire.PostgreSql;
using Npgsql;

namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>Hangfire.PostgreSql's connections from the delivery pool (it opens them itself when they come closed).</summary>
public sealed class DataSourceConnectionFactory(NpgsqlDataSource dataSource) : IConnectionFactory
{
    public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
}
