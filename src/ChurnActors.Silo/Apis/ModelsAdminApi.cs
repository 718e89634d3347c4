using ChurnActors.Abstractions;
using ChurnActors.Silo.Admin;
using ChurnActors.Silo.Ingest;
using ChurnActors.Storage.Models;

namespace ChurnActors.Silo.Apis;

/// <summary>
/// <c>/v1/admin/models</c>: the model registry (list, one version), promotion through the gate and rollback, each
/// followed by a push of the champion to every silo. Admin keys only (<see cref="AdminKeys"/>).
/// </summary>
public static class ModelsAdminApi
{
    /// <summary>Who the registry records as having asked.</summary>
    public const string Actor = "api";

    public static IEndpointRouteBuilder MapModelsAdminApi(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/v1/admin/models");
        models.MapGet("/", ListAsync);
        models.MapGet("/{version:long}", GetAsync);
        models.MapPost("/{version:long}/promote", PromoteAsync);
        models.MapPost("/rollback", RollbackAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext context, AdminKeys admin, WriteKeys keys, IModelRegistry registry)
    {
        if (admin.Refusal(context, keys) is { } refused)
        {
            return refused;
        }

        var models = await registry.ListAsync(context.RequestAborted).ConfigureAwait(false);
        var champion = models.FirstOrDefault(m => m.Status == ModelStatus.Champion)?.Version;
        return Json(new ModelListing(champion, models));
    }

    private static async Task<IResult> GetAsync(long version, HttpContext context, AdminKeys admin, WriteKeys keys, IModelRegistry registry)
    {
        if (admin.Refusal(context, keys) is { } refused)
        {
            return refused;
        }

        var model = await registry.GetAsync(version, context.RequestAborted).ConfigureAwait(false);
        return model is null
            ? Problems.NotFound($"There is no model version {version} in the registry. GET /v1/admin/models lists the versions.")
            : Json(model with { Snapshot = null });
    }

    private static async Task<IResult> PromoteAsync(
        long version, bool? force, HttpContext context, AdminKeys admin, WriteKeys keys, IModelRegistry registry, IGrainFactory grains)
    {
        if (admin.Refusal(context, keys) is { } refused)
        {
            return refused;
        }

        return await ChangeAsync(() => registry.PromoteAsync(version, force ?? false, Actor, context.RequestAborted), grains).ConfigureAwait(false);
    }

    private static async Task<IResult> RollbackAsync(HttpContext context, AdminKeys admin, WriteKeys keys, IModelRegistry registry, IGrainFactory grains)
    {
        if (admin.Refusal(context, keys) is { } refused)
        {
            return refused;
        }

        return await ChangeAsync(() => registry.RollbackAsync(Actor, context.RequestAborted), grains).ConfigureAwait(false);
    }

    private static async Task<IResult> ChangeAsync(Func<Task<PromotionRecord>> change, IGrainFactory grains)
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
        return Json(new PromotionResponse(record, push));
    }

    private static IResult Json<T>(T value) => TypedResults.Json(value, ModelRegistryJson.Options);
}
