using System.Text.Json;
using System.Text.Json.Serialization;
using ChurnActors.Api.Contracts;

namespace ChurnActors.LoadTools.Http;

/// <summary>
/// Source-generated JSON metadata for the host's answers the tools read: the API's own response records, camelCase as
/// the host writes them. An answer that lacks one of a record's fields is refused (a <see cref="JsonException"/>) rather
/// than read as zero.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.Strict, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(IngestResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(CustomerResponse))]
[JsonSerializable(typeof(MetricsResponse))]
[JsonSerializable(typeof(MemoryResponse))]
[JsonSerializable(typeof(WakeUpBacklogResponse))]
[JsonSerializable(typeof(WakeUpsAdvancedResponse))]
[JsonSerializable(typeof(ProblemAnswer))]
[JsonSerializable(typeof(PlaybookApplyResponse))]
[JsonSerializable(typeof(PlaybookResultsResponse))]
public sealed partial class WireJson : JsonSerializerContext;
