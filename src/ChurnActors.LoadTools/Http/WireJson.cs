using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChurnActors.LoadTools.Http;

/// <summary>Source-generated JSON metadata for the host's answers the tools read (camelCase, as the host writes them).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(BatchAcknowledgement))]
[JsonSerializable(typeof(HealthAnswer))]
[JsonSerializable(typeof(UserAnswer))]
[JsonSerializable(typeof(ProblemAnswer))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class WireJson : JsonSerializerContext;
