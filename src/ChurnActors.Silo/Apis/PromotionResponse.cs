using ChurnActors.Abstractions;
using ChurnActors.Storage.Models;

namespace ChurnActors.Silo.Apis;

/// <summary>The answer to a promotion or rollback: the change recorded and how the push of the champion to every silo went.</summary>
public sealed record PromotionResponse(PromotionRecord Promotion, ModelPushReport Push);
