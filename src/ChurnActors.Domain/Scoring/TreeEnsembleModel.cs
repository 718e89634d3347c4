namespace ChurnActors.Domain.Scoring;

/// <summary>
/// A sum of regression trees in flattened arrays. Tree t owns the internal nodes
/// [<see cref="NodeStarts"/>[t], <see cref="NodeStarts"/>[t + 1]) and the leaves
/// [<see cref="LeafStarts"/>[t], <see cref="LeafStarts"/>[t + 1]) of the per-node and per-leaf arrays; a tree with
/// n internal nodes has n + 1 leaves, and a tree with no internal node is a single leaf. Child references are local
/// to their tree, as ML.NET writes them: a value c &gt;= 0 is internal node c of the same tree (node 0 is the root),
/// a negative value is leaf ~c. At a node the walk goes left when the split feature's value is &lt;= the threshold and
/// right otherwise; a missing value (NaN) is first replaced by the node's <see cref="MissingValues"/> entry, and when
/// that entry is itself NaN the comparison is false, so the walk goes right (ML.NET's behaviour).
/// The raw score is <see cref="Bias"/> plus the sum of the leaves reached.
/// </summary>
public sealed record TreeEnsembleModel
{
    /// <summary>Start of each tree's internal nodes, plus the total node count at the end (length = trees + 1).</summary>
    public required int[] NodeStarts { get; init; }

    /// <summary>Start of each tree's leaves, plus the total leaf count at the end (length = trees + 1).</summary>
    public required int[] LeafStarts { get; init; }

    /// <summary>Per internal node: index of the feature it splits on.</summary>
    public required int[] SplitFeatures { get; init; }

    /// <summary>Per internal node: go left when the feature value is &lt;= this threshold.</summary>
    public required float[] Thresholds { get; init; }

    /// <summary>Per internal node: the value a NaN feature takes at this node (NaN: the walk goes right).</summary>
    public required float[] MissingValues { get; init; }

    /// <summary>Per internal node: the child taken when the value is &lt;= the threshold (tree-local, ~leaf when negative).</summary>
    public required int[] LeftChildren { get; init; }

    /// <summary>Per internal node: the child taken otherwise (tree-local, ~leaf when negative).</summary>
    public required int[] RightChildren { get; init; }

    /// <summary>Per leaf: the value the tree outputs there.</summary>
    public required double[] LeafValues { get; init; }

    /// <summary>
    /// Per internal node: the expected tree output below it (the leaf values averaged by how many training rows reach
    /// each leaf). Used only for path-based contributions (Saabas); does not change the score.
    /// </summary>
    public required double[] NodeValues { get; init; }

    /// <summary>A constant added to the sum of the trees (0 for ML.NET's binary tree models).</summary>
    public double Bias { get; init; }
}
