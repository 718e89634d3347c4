namespace ChurnActors.Domain.Scoring;

/// <summary>
/// Scores a validated tree ensemble: each tree is walked from its root (left when value &lt;= threshold, NaN replaced by
/// the node's missing value first) and the leaves reached are summed in double precision.
/// </summary>
internal sealed class TreeEnsembleScorer
{
    private readonly PackedTreeNode[] _nodes;
    private readonly double[] _nodeValues;
    private readonly double[] _leafValues;
    private readonly int[] _roots;
    private readonly int[] _leafStarts;
    private readonly double _bias;

    public TreeEnsembleScorer(TreeEnsembleModel model)
    {
        var treeCount = model.NodeStarts.Length - 1;
        _nodes = new PackedTreeNode[model.SplitFeatures.Length];
        _nodeValues = (double[])model.NodeValues.Clone();
        _leafValues = (double[])model.LeafValues.Clone();
        _leafStarts = (int[])model.LeafStarts.Clone();
        _roots = new int[treeCount];
        _bias = model.Bias;

        var expected = _bias;
        for (var t = 0; t < treeCount; t++)
        {
            var nodeStart = model.NodeStarts[t];
            var leafStart = model.LeafStarts[t];
            for (var node = nodeStart; node < model.NodeStarts[t + 1]; node++)
            {
                _nodes[node] = new PackedTreeNode(
                    model.SplitFeatures[node],
                    model.Thresholds[node],
                    model.MissingValues[node],
                    Global(model.LeftChildren[node], nodeStart, leafStart),
                    Global(model.RightChildren[node], nodeStart, leafStart));
            }

            var hasNodes = model.NodeStarts[t + 1] > nodeStart;
            _roots[t] = hasNodes ? nodeStart : ~leafStart;
            expected += hasNodes ? _nodeValues[nodeStart] : _leafValues[leafStart];
        }

        BaseValue = expected;
    }

    /// <summary>The expected raw score over the training population: contributions are measured from here.</summary>
    public double BaseValue { get; }

    public int TreeCount => _roots.Length;

    public double Raw(ReadOnlySpan<float> features)
    {
        var nodes = _nodes;
        var leafValues = _leafValues;
        var sum = _bias;
        foreach (var root in _roots)
        {
            var index = root;
            while (index >= 0)
            {
                ref readonly var node = ref nodes[index];
                var value = features[node.Feature];
                if (float.IsNaN(value))
                {
                    value = node.Missing;
                }

                index = value <= node.Threshold ? node.Left : node.Right;
            }

            sum += leafValues[~index];
        }

        return sum;
    }

    public double Contributions(ReadOnlySpan<float> features, Span<double> contributions)
    {
        contributions.Clear();
        var nodes = _nodes;
        var nodeValues = _nodeValues;
        var leafValues = _leafValues;
        var sum = _bias;
        foreach (var root in _roots)
        {
            var index = root;
            if (index < 0)
            {
                sum += leafValues[~index];
                continue;
            }

            var current = nodeValues[index];
            while (index >= 0)
            {
                ref readonly var node = ref nodes[index];
                var value = features[node.Feature];
                if (float.IsNaN(value))
                {
                    value = node.Missing;
                }

                index = value <= node.Threshold ? node.Left : node.Right;
                var next = index >= 0 ? nodeValues[index] : leafValues[~index];
                contributions[node.Feature] += next - current;
                current = next;
            }

            sum += current;
        }

        return sum;
    }

    public void Leaves(ReadOnlySpan<float> features, Span<int> leaves)
    {
        var nodes = _nodes;
        for (var t = 0; t < _roots.Length; t++)
        {
            var index = _roots[t];
            while (index >= 0)
            {
                ref readonly var node = ref nodes[index];
                var value = features[node.Feature];
                if (float.IsNaN(value))
                {
                    value = node.Missing;
                }

                index = value <= node.Threshold ? node.Left : node.Right;
            }

            leaves[t] = ~index - _leafStarts[t];
        }
    }

    private static int Global(int child, int nodeStart, int leafStart) => child >= 0 ? nodeStart + child : ~(leafStart + ~child);
}
