using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChurnActors.LoadTools.Retention;

/// <summary>Source-generated JSON metadata for the webhook bodies the receiver reads (camelCase, as the host writes them).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WebhookBody))]
public sealed partial class WebhookJson : JsonSerializerContext;
