namespace ChurnActors.Training.Export;

/// <summary>
/// The expected output below each internal node of a tree: the average of the leaf values under it, each leaf
/// weighted by how many training rows reach it. A subtree that no training row reaches takes the plain mean of its
/// two children, so every node has a value. These are the node values that path-based (Saabas) contributions need.
/// </summary>
internal static class TreeNodeValues
{
    public static double[] Compute(int[] left, int[] right, double[] leafValues, long[] leafCounts)
    {
        var values = new double[left.Length];
        if (left.Length > 0)
        {
            Visit(0, left, right, leafValues, leafCounts, values);
        }

        return values;
    }

    // Returns (weight, value) of the subtree at child reference `child` (a node when >= 0, leaf ~child otherwise).
    private static (long Weight, double Value) Visit(int child, int[] left, int[] right, double[] leafValues, long[] leafCounts, double[] values)
    {
        if (child < 0)
        {
            return (leafCounts[~child], leafValues[~child]);
        }

        var (leftWeight, leftValue) = Visit(left[child], left, right, leafValues, leafCounts, values);
        var (rightWeight, rightValue) = Visit(right[child], left, right, leafValues, leafCounts, values);
        var weight = leftWeight + rightWeight;
        var value = weight > 0
            ? ((leftWeight * leftValue) + (rightWeight * rightValue)) / weight
            : (leftValue + rightValue) / 2;
        values[child] = value;
        return (weight, value);
    }
}
