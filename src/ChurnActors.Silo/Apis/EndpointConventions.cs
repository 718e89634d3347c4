using ChurnActors.Silo.Auth;

namespace ChurnActors.Silo.Apis;

/// <summary>What endpoints declare: the key kind they need, and whether only benchmarks use them.</summary>
public static class EndpointConventions
{
    /// <summary>Needs a read key or an admin key (<see cref="KeyPolicies.Read"/>); 401 or 403 problems otherwise.</summary>
    public static TBuilder RequireReadKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireKey(KeyPolicies.Read);

    /// <summary>Needs an admin key (<see cref="KeyPolicies.Admin"/>); 401 or 403 problems otherwise.</summary>
    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireKey(KeyPolicies.Admin);

    /// <summary>Served only when <c>ChurnActors:Admin:BenchmarkEndpoints</c> is on; 404 otherwise.</summary>
    public static RouteHandlerBuilder BenchmarkOnly(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter<BenchmarkEndpointFilter>().ProducesProblem(StatusCodes.Status404NotFound);

    private static TBuilder RequireKey<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
