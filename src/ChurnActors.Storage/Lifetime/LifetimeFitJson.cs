using System.Text.Json;
using ChurnActors.Domain.Lifetime;
using ChurnActors.Domain.Risk;

namespace ChurnActors.Storage.Lifetime;

/// <summary>A <see cref="ShopLifetimeModel"/> as the JSON the registry stores, and back.</summary>
public static class LifetimeFitJson
{
    // Quantiles over customers whose closed forms overflowed can be infinite: written as named literals, not refused.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize(ShopLifetimeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return JsonSerializer.Serialize(
            new Document(
                model.Version,
                model.Transactions,
                model.Spend,
                model.HorizonDays,
                [.. model.RiskQuantiles],
                model.RepeatIntervalDays,
                model.Customers,
                model.FittedAt),
            Options);
    }

    public static ShopLifetimeModel Deserialize(string json)
    {
        var document = JsonSerializer.Deserialize<Document>(json, Options)
            ?? throw new JsonException("The stored lifetime fit is empty.");
        return new ShopLifetimeModel(
            document.Version,
            document.Transactions,
            document.Spend,
            document.HorizonDays,
            document.RiskQuantiles,
            document.RepeatIntervalDays,
            document.Customers,
            document.FittedAt);
    }

    private sealed record Document(
        string Version,
        BgNbdParameters Transactions,
        GammaGammaParameters? Spend,
        double HorizonDays,
        double[] RiskQuantiles,
        double? RepeatIntervalDays,
        int Customers,
        DateTimeOffset FittedAt);
}
