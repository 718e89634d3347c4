using ChurnActors.Api.Contracts;
using ChurnActors.Storage.Models;

namespace ChurnActors.Silo.Apis;

/// <summary>
/// The answer to a promotion or rollback: the change recorded and how the push of the champion to every silo went.
/// It lives beside the models API, not in the contracts project, because its promotion is the registry's own
/// <see cref="PromotionRecord"/> from the storage library, which the contracts project does not reference.
/// </summary>
public sealed record PromotionResponse(PromotionRecord Promotion, ModelPushResponse Push);
