using System.Reflection;
using Microsoft.ML.Trainers.FastTree;

namespace ChurnActors.Training.Export;

/// <summary>
/// Reads, per internal node, the value ML.NET substitutes for a NaN feature when it walks a tree. ML.NET keeps it in
/// the internal tree behind <see cref="RegressionTreeBase"/> (public field DefaultValueForMissing of an internal
/// class, set for LightGBM models that learned a missing-value direction) and does not expose it through the public
/// tree API, so it is read by reflection here. When the field is null, NaN compares false at every node and goes right.
/// If a future ML.NET moves it, export fails with a clear message instead of producing a model that scores NaN wrong.
/// </summary>
internal static class MissingValueDefaults
{
    private static readonly FieldInfo? WrappedTree =
        typeof(RegressionTreeBase).GetField("_tree", BindingFlags.NonPublic | BindingFlags.Instance);

    public static float[]? Read(RegressionTreeBase tree)
    {
        var inner = WrappedTree?.GetValue(tree);
        var field = inner?.GetType().GetField("DefaultValueForMissing", BindingFlags.Public | BindingFlags.Instance);
        if (inner is null || field is null || field.FieldType != typeof(float[]))
        {
            throw new NotSupportedException(
                "This ML.NET version does not keep a tree's missing-value defaults where the exporter reads them " +
                "(RegressionTreeBase._tree.DefaultValueForMissing); the export would score missing features differently from ML.NET.");
        }

        return (float[]?)field.GetValue(inner);
    }
}
