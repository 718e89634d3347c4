using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Api.Tests;

/// <summary>
/// A host over a fresh PostgreSQL database with an admin key, and a handful of customers in its score projection
/// written straight to <c>customer_scores</c> and <c>band_transitions</c>, relative to the time the fixture starts.
/// </summary>
public sealed class AudiencesApiFixture : IAsyncLifetime
{
    public const string AdminKey = "admin-audiences-key";
    private readonly PostgresDatabaseFixture _database = new();

    public EngineHost Host { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await using (var dataSource = NpgsqlDataSource.Create(_database.ConnectionString))
        await using (var seed = dataSource.CreateCommand(
            """
            INSERT INTO customer_scores (customer_key, status, band, probability, clv_value, orders, top_category, country,
                last_order_at, band_since, last_sequence, updated_at)
            VALUES
                ('aud-high-shoes', 'scored', 'high', 0.9, 200, 5, 'shoes', 'DE', now() - interval '40 days', now() - interval '3 days', 1, now()),
                ('aud-high-bags', 'scored', 'high', 0.8, 50, 2, 'bags', 'FR', now() - interval '45 days', now() - interval '2 days', 1, now()),
                ('aud-medium', 'scored', 'medium', 0.5, 1000, 9, 'shoes', 'DE', now() - interval '5 days', now() - interval '50 days', 1, now()),
                ('aud-low', 'scored', 'low', 0.1, 300, 12, 'toys', 'DE', now() - interval '1 day', now() - interval '90 days', 1, now()),
                ('aud-new', 'insufficient-data', NULL, NULL, NULL, 1, NULL, 'DE', now() - interval '2 days', NULL, 1, now());
            INSERT INTO band_transitions (customer_key, cause_sequence, at, to_band)
            VALUES ('aud-high-shoes', 4, now() - interval '3 days', 'high'), ('aud-high-bags', 2, now() - interval '2 days', 'high'),
                ('aud-medium', 8, now() - interval '50 days', 'medium');
            """))
        {
            await seed.ExecuteNonQueryAsync();
        }

        Host = await EngineHost.StartAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["ChurnActors:Admin:Keys:0"] = AdminKey,
        });
        Admin = EngineHost.CreateClient(Host.BaseAddress, AdminKey);
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync();
        await _database.DisposeAsync();
    }
}
