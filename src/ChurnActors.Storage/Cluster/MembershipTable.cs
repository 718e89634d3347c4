using Npgsql;

namespace ChurnActors.Storage.Cluster;

/// <summary>The Orleans membership table (migration 0017) as the host itself uses it, outside the provider.</summary>
public static class MembershipTable
{
    /// <summary>
    /// Marks dead every row of <paramref name="clusterId"/> that an earlier process of node <paramref name="nodeName"/>
    /// left not dead (it was killed), so this process joins without waiting for the other silos to declare it dead.
    /// Node names are unique per process: a second process running under the same name is declared dead and stops.
    /// </summary>
    /// <returns>The rows marked.</returns>
    public static async Task<int> RetirePreviousProcessesAsync(
        string connectionString, string clusterId, string nodeName, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT orleans_membership_retire(@cluster, @node)", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("node", nodeName);
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
