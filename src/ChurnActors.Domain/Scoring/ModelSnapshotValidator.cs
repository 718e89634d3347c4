using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ChurnActors.Domain.Scoring;

/// <summary>
/// Checks that a model snapshot is consistent before anything scores with it: the schema matches the weights, every
/// tree index is in range and every tree is a proper tree, the calibration and the score quantiles are usable.
/// </summary>
public static class ModelSnapshotValidator
{
    /// <summary>Throws <see cref="InvalidModelSnapshotException"/> with a message that says what is wrong.</summary>
    public static void Validate(ModelSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var label = $"Model snapshot '{snapshot.Name}' version '{snapshot.Version}'";
        Require(!string.IsNullOrWhiteSpace(snapshot.Name), "Model snapshot has no name.");
        Require(!string.IsNullOrWhiteSpace(snapshot.Version), $"Model snapshot '{snapshot.Name}' has no version.");
        ValidateFeatureNames(snapshot, label);
        Require(snapshot.HorizonDays is null || (double.IsFinite(snapshot.HorizonDays.Value) && snapshot.HorizonDays > 0),
            $"{label} has horizon {snapshot.HorizonDays} days; the churn horizon must be a positive number of days (or absent).");

        switch (snapshot.Kind)
        {
            case ModelKind.Linear:
                Require(snapshot.Linear is not null, $"{label} is linear but has no linear model.");
                Require(snapshot.Trees is null, $"{label} is linear but also carries a tree ensemble.");
                ValidateLinear(snapshot.Linear!, snapshot.FeatureNames.Length, label);
                break;
            case ModelKind.TreeEnsemble:
                Require(snapshot.Trees is not null, $"{label} is a tree ensemble but has no trees.");
                Require(snapshot.Linear is null, $"{label} is a tree ensemble but also carries a linear model.");
                ValidateTrees(snapshot.Trees!, snapshot.FeatureNames.Length, label);
                break;
            default:
                throw new InvalidModelSnapshotException($"{label} has unknown kind '{snapshot.Kind}'; expected Linear or TreeEnsemble.");
        }

        ValidateCalibration(snapshot.Calibration, label);
        ValidateQuantiles(snapshot.ScoreQuantiles, label);
        if (snapshot.Lifetime is { } blend)
        {
            Require(snapshot.HorizonDays is not null, $"{label} blends in the lifetime model but names no horizon (HorizonDays) for it.");
            Require(double.IsFinite(blend.ModelWeight) && double.IsFinite(blend.LifetimeWeight) && double.IsFinite(blend.Intercept),
                $"{label}: the lifetime blend's weights must be finite numbers.");
            ValidateQuantiles(blend.ProbabilityQuantiles, label + " (lifetime blend)");
        }
    }

    private static void ValidateFeatureNames(ModelSnapshot snapshot, string label)
    {
        Require(snapshot.FeatureNames is { Length: > 0 }, $"{label} has no feature names.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < snapshot.FeatureNames.Length; i++)
        {
            var name = snapshot.FeatureNames[i];
            Require(!string.IsNullOrWhiteSpace(name), $"{label}: feature name {i} is empty.");
            Require(seen.Add(name), $"{label}: feature name '{name}' appears more than once.");
        }
    }

    private static void ValidateLinear(LinearModel linear, int featureCount, string label)
    {
        Require(linear.Weights is not null && linear.Reference is not null, $"{label}: the linear model needs weights and reference values.");
        Require(linear.Weights!.Length == featureCount,
            $"{label}: the schema has {featureCount} features but the linear model has {linear.Weights.Length} weights.");
        Require(linear.Reference!.Length == featureCount,
            $"{label}: the schema has {featureCount} features but the linear model has {linear.Reference.Length} reference values.");
        Require(float.IsFinite(linear.Bias), $"{label}: the linear bias is not a finite number.");
        for (var i = 0; i < featureCount; i++)
        {
            Require(float.IsFinite(linear.Weights[i]), $"{label}: the weight of feature {i} is not a finite number.");
            Require(double.IsFinite(linear.Reference[i]), $"{label}: the reference value of feature {i} is not a finite number.");
        }
    }

    private static void ValidateTrees(TreeEnsembleModel trees, int featureCount, string label)
    {
        Require(trees.NodeStarts is { Length: >= 2 } && trees.LeafStarts is not null,
            $"{label}: the ensemble needs node and leaf offsets for at least one tree.");
        Require(trees.LeafStarts!.Length == trees.NodeStarts!.Length,
            $"{label}: {trees.NodeStarts.Length - 1} trees by node offsets but {trees.LeafStarts.Length - 1} by leaf offsets.");
        Require(trees.SplitFeatures is not null && trees.Thresholds is not null && trees.MissingValues is not null
                && trees.LeftChildren is not null && trees.RightChildren is not null && trees.LeafValues is not null
                && trees.NodeValues is not null,
            $"{label}: the ensemble is missing one of its node or leaf arrays.");

        var nodeCount = trees.NodeStarts[^1];
        var leafCount = trees.LeafStarts[^1];
        Require(trees.NodeStarts[0] == 0 && trees.LeafStarts[0] == 0, $"{label}: tree offsets must start at 0.");
        Require(trees.SplitFeatures!.Length == nodeCount && trees.Thresholds!.Length == nodeCount
                && trees.MissingValues!.Length == nodeCount && trees.LeftChildren!.Length == nodeCount
                && trees.RightChildren!.Length == nodeCount && trees.NodeValues!.Length == nodeCount,
            $"{label}: the offsets give {nodeCount} internal nodes but the node arrays do not all have that length.");
        Require(trees.LeafValues!.Length == leafCount,
            $"{label}: the offsets give {leafCount} leaves but there are {trees.LeafValues.Length} leaf values.");
        Require(double.IsFinite(trees.Bias), $"{label}: the ensemble bias is not a finite number.");

        var parentSeen = new bool[Math.Max(nodeCount, 1)];
        var leafSeen = new bool[Math.Max(leafCount, 1)];
        for (var t = 0; t < trees.NodeStarts.Length - 1; t++)
        {
            var nodeStart = trees.NodeStarts[t];
            var leafStart = trees.LeafStarts[t];
            var nodes = trees.NodeStarts[t + 1] - nodeStart;
            var leaves = trees.LeafStarts[t + 1] - leafStart;
            Require(nodes >= 0 && leaves >= 0, $"{label}: tree {t} has decreasing offsets.");
            Require(leaves == nodes + 1, $"{label}: tree {t} has {nodes} internal nodes and {leaves} leaves; a binary tree has one leaf more than nodes.");
            for (var local = 0; local < nodes; local++)
            {
                var node = nodeStart + local;
                var feature = trees.SplitFeatures[node];
                Require(feature >= 0 && feature < featureCount,
                    $"{label}: tree {t} node {local} splits on feature {feature}, outside the {featureCount} features of the schema.");
                Require(!float.IsNaN(trees.Thresholds[node]), $"{label}: tree {t} node {local} has a NaN threshold.");
                Require(double.IsFinite(trees.NodeValues[node]), $"{label}: tree {t} node {local} has a node value that is not finite.");
                CheckChild(trees.LeftChildren[node], t, local, nodes, leaves, nodeStart, leafStart, parentSeen, leafSeen, label);
                CheckChild(trees.RightChildren[node], t, local, nodes, leaves, nodeStart, leafStart, parentSeen, leafSeen, label);
            }

            for (var leaf = 0; leaf < leaves; leaf++)
            {
                Require(double.IsFinite(trees.LeafValues[leafStart + leaf]), $"{label}: tree {t} leaf {leaf} has a value that is not finite.");
                Require(nodes == 0 || leafSeen[leafStart + leaf], $"{label}: tree {t} leaf {leaf} is not reachable from any node.");
            }

            if (nodes > 0)
            {
                Require(!parentSeen[nodeStart], $"{label}: tree {t} refers back to its root node 0.");
                for (var local = 1; local < nodes; local++)
                {
                    Require(parentSeen[nodeStart + local], $"{label}: tree {t} node {local} is not reachable from the root.");
                }

                RequireReachable(trees, t, nodes, label);
            }
        }
    }

    private static void CheckChild(int child, int tree, int local, int nodes, int leaves, int nodeStart, int leafStart,
        bool[] parentSeen, bool[] leafSeen, string label)
    {
        if (child >= 0)
        {
            Require(child < nodes, $"{label}: tree {tree} node {local} has child node {child}, outside its {nodes} nodes.");
            Require(!parentSeen[nodeStart + child], $"{label}: tree {tree} node {child} has more than one parent.");
            parentSeen[nodeStart + child] = true;
        }
        else
        {
            var leaf = ~child;
            Require(leaf < leaves, $"{label}: tree {tree} node {local} has child leaf {leaf}, outside its {leaves} leaves.");
            Require(!leafSeen[leafStart + leaf], $"{label}: tree {tree} leaf {leaf} has more than one parent.");
            leafSeen[leafStart + leaf] = true;
        }
    }

    // Every node has exactly one parent by now; a walk from the root that sees every node rules out detached cycles.
    private static void RequireReachable(TreeEnsembleModel trees, int tree, int nodes, string label)
    {
        var nodeStart = trees.NodeStarts[tree];
        var stack = new Stack<int>();
        stack.Push(0);
        var visited = 0;
        while (stack.Count > 0)
        {
            var local = stack.Pop();
            visited++;
            Require(visited <= nodes, $"{label}: tree {tree} has a cycle.");
            var left = trees.LeftChildren[nodeStart + local];
            var right = trees.RightChildren[nodeStart + local];
            if (left >= 0)
            {
                stack.Push(left);
            }

            if (right >= 0)
            {
                stack.Push(right);
            }
        }

        Require(visited == nodes, $"{label}: tree {tree} has {nodes - visited} nodes in a cycle detached from the root.");
    }

    private static void ValidateCalibration(ModelCalibration? calibration, string label)
    {
        Require(calibration is not null, $"{label} has no calibration.");
        switch (calibration!.Kind)
        {
            case CalibrationKind.Platt:
                Require(double.IsFinite(calibration.A) && double.IsFinite(calibration.B), $"{label}: the Platt parameters are not finite numbers.");
                break;
            case CalibrationKind.Isotonic:
                var mins = calibration.Mins;
                var maxes = calibration.Maxes;
                var values = calibration.Values;
                Require(mins is { Length: > 0 } && maxes is not null && values is not null,
                    $"{label}: the isotonic calibration has no pieces.");
                Require(maxes!.Length == mins!.Length && values!.Length == mins.Length,
                    $"{label}: the isotonic calibration has {mins.Length} mins, {maxes.Length} maxes and {values!.Length} values.");
                for (var i = 0; i < mins.Length; i++)
                {
                    Require(float.IsFinite(mins[i]) && float.IsFinite(maxes[i]) && mins[i] <= maxes[i],
                        $"{label}: isotonic piece {i} has bounds [{Format(mins[i])}, {Format(maxes[i])}].");
                    Require(values[i] is >= 0 and <= 1, $"{label}: isotonic piece {i} has probability {Format(values[i])}, outside [0, 1].");
                    Require(i == 0 || (mins[i] > maxes[i - 1] && values[i] >= values[i - 1]),
                        $"{label}: isotonic piece {i} overlaps or decreases from piece {i - 1}.");
                }

                break;
            default:
                throw new InvalidModelSnapshotException($"{label} has unknown calibration kind '{calibration.Kind}'; expected Platt or Isotonic.");
        }
    }

    private static void ValidateQuantiles(double[]? quantiles, string label)
    {
        Require(quantiles is { Length: >= 2 }, $"{label} needs at least two score quantiles (minimum and maximum).");
        for (var i = 0; i < quantiles!.Length; i++)
        {
            Require(double.IsFinite(quantiles[i]), $"{label}: score quantile {i} is not a finite number.");
            Require(i == 0 || quantiles[i] >= quantiles[i - 1], $"{label}: score quantile {i} is below quantile {i - 1}.");
        }
    }

    private static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void Require([DoesNotReturnIf(false)] bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidModelSnapshotException(message);
        }
    }
}
