using ChurnActors.Abstractions;
using ChurnActors.Storage.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChurnActors.Silo.Apis;

/// <summary>
/// <c>/v1/admin/models</c>: the model registry (list, one version), promotion through the gate and rollback, each
/// followed by a push of the champion to every silo. Admin keys only. Answers use the registry's JSON (enums as
/// camelCase names, nulls left out).
/// </summary>
public static class ModelsAdminApi
{
    /// <summary>Who the registry records as having asked.</summary>
    public const string Actor = "api";

    public static IEndpointRouteBuilder MapModelsAdminApi(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/v1/admin/models").RequireAdminKey().WithTags("Models");
        models.MapGet("/", ListAsync).Produces<ModelListing>();
        models.MapGet("/{version:long}", GetAsync).Produces<RegisteredModel>().ProducesProblem(StatusCodes.Status404NotFound);
        models.MapPost("/{version:long}/promote", PromoteAsync).Produces<PromotionResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        models.MapPost("/rollback", RollbackAsync).Produces<PromotionResponse>().ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<JsonHttpResult<ModelListing>> ListAsync(IModelRegistry registry, CancellationToken cancellationToken)
    {
        var models = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
        var champion = models.FirstOrDefault(m => m.Status == ModelStatus.Champion)?.Version;
        return Json(new ModelListing(champion, models));
    }

    private static async Task<Results<JsonHttpResult<RegisteredModel>, ProblemHttpResult>> GetAsync(
        long version, IModelRegistry registry, CancellationToken cancellationToken)
    {
        var model = await registry.GetAsync(version, cancellationToken).ConfigureAwait(false);
        return model is null
            ? Problems.NotFound($"There is no model version {version} in the registry. GET /v1/admin/models lists the versions.")
            : Json(model with { Snapshot = null });
    }

    private static Task<Results<JsonHttpResult<PromotionResponse>, ProblemHttpResult>> PromoteAsync(
        long version, bool? force, IModelRegistry registry, IGrainFactory grains, CancellationToken cancellationToken) =>
        ChangeAsync(() => registry.PromoteAsync(version, force ?? false, Actor, cancellationToken), grains);

    private static Task<Results<JsonHttpResult<PromotionResponse>, ProblemHttpResult>> RollbackAsync(
        IModelRegistry registry, IGrainFactory grains, CancellationToken cancellationToken) =>
        ChangeAsync(() => registry.RollbackAsync(Actor, cancellationToken), grains);

    private static async Task<Results<JsonHttpResult<PromotionResponse>, ProblemHttpResult>> ChangeAsync(
        Func<Task<PromotionRecord>> change, IGrainFactory grains)
    {
        PromotionRecord record;
        try
        {
            record = await change().ConfigureAwait(false);
        }
        catch (ModelRegistryException ex)
        {
            return ex.Error switch
            {
                ModelRegistryError.UnknownVersion => Problems.NotFound(ex.Message),
                ModelRegistryError.GateRefused => Problems.Conflict("gate-refused", "Promotion refused by the gate", ex.Message),
                ModelRegistryError.NothingToRollBack => Problems.Conflict("nothing-to-roll-back", "Nothing to roll back to", ex.Message),
                _ => Problems.Malformed(ex.Message),
            };
        }

        var push = await grains.GetGrain<IModelCoordinatorGrain>(IModelCoordinatorGrain.ShopKey).PublishChampionAsync().ConfigureAwait(false);
        return Json(new PromotionResponse(record, push.ToResponse()));
    }

    private static JsonHttpResult<T> Json<T>(T value) => TypedResults.Json(value, ModelRegistryJson.Options);
}
