using ChurnActors.Api.Contracts;
using ChurnActors.Storage.Models;

namespace ChurnActors.Cli.Models;

/// <summary>A promotion or rollback as the CLI reports it: the change, and the host's push report when a host did it.</summary>
internal sealed record PromotionOutcome(PromotionRecord Promotion, ModelPushResponse? Push);
