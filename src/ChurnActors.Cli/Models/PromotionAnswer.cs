using ChurnActors.Api.Contracts;
using ChurnActors.Storage.Models;

namespace ChurnActors.Cli.Models;

/// <summary>
/// The host's answer to a promotion or rollback (the host's <c>PromotionResponse</c>): the registry's record of the
/// change and the push report, both the types the host writes.
/// </summary>
internal sealed record PromotionAnswer(PromotionRecord? Promotion, ModelPushResponse? Push);
