using Microsoft.ML;
using Microsoft.ML.Data;

namespace ChurnActors.Training.Learning;

/// <summary>One training example as ML.NET reads it: the feature vector and whether the customer churned.</summary>
public sealed class ChurnExample
{
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    /// <summary>Loads examples whose vectors all have <paramref name="featureCount"/> features.</summary>
    public static IDataView Load(MLContext context, IEnumerable<ChurnExample> examples, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(context);
        var schema = SchemaDefinition.Create(typeof(ChurnExample));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return context.Data.LoadFromEnumerable(examples, schema);
    }
}
