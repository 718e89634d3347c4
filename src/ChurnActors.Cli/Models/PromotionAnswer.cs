using System.Text.Json;
using ChurnActors.Storage.Models;

namespace ChurnActors.Cli.Models;

/// <summary>The host's answer to a promotion or rollback: the promotion it recorded and how the push to the silos went.</summary>
internal sealed record PromotionAnswer(PromotionRecord? Promotion, JsonElement? Push);
