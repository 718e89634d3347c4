using System.Collections;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ChurnActors.Training.Export;

/// <summary>
/// The dense feature vectors of a data view's feature column, read with a cursor each time it is enumerated. Each
/// row is handed out in the same buffer, valid until the next row.
/// </summary>
internal sealed class FeatureRows(IDataView data, DataViewSchema.Column column, int featureCount) : IEnumerable<float[]>
{
    public IEnumerator<float[]> GetEnumerator()
    {
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var buffer = default(VBuffer<float>);
        var row = new float[featureCount];
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            buffer.CopyTo(row);
            yield return row;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
