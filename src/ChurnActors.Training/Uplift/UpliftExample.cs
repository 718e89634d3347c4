namespace ChurnActors.Training.Uplift;

/// <summary>One row as ML.NET reads it for the uplift models: numeric features, the two categorical ones, the label.</summary>
public sealed class UpliftExample
{
    public float Recency { get; set; }

    public float History { get; set; }

    public float Mens { get; set; }

    public float Womens { get; set; }

    public float Newbie { get; set; }

    public string ZipCode { get; set; } = string.Empty;

    public string Channel { get; set; } = string.Empty;

    public bool Label { get; set; }

    public static UpliftExample From(UpliftRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var features = row.Features;
        return new UpliftExample
        {
            Recency = features.Recency,
            History = (float)features.History,
            Mens = features.Mens ? 1 : 0,
            Womens = features.Womens ? 1 : 0,
            Newbie = features.Newbie ? 1 : 0,
            ZipCode = features.ZipCode,
            Channel = features.Channel,
            Label = row.Outcome,
        };
    }
}
