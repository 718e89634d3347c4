using BenchmarkDotNet.Attributes;
using ChurnActors.Domain.Scoring;
using ChurnActors.Training.Export;
using ChurnActors.Training.Synthetic;
using Microsoft.ML;

namespace ChurnActors.Benchmarks;

/// <summary>
/// Native scoring of exported snapshots (the design's targets: &lt;= 0.5 us linear, &lt;= 10 us for 100 trees, no allocation),
/// with ML.NET's PredictionEngine on the same LightGBM model as the baseline. The models are trained in the setup on
/// the synthetic population (4,000 rows, 12 features), the trees with the trainers' default leaves; each invocation
/// scores 1,024 different held-out customers so branch prediction does not learn a single path.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet derives from benchmark classes.</remarks>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private const int Rows = 1024;
    private const int Trees = 100;

    private ModelScorer _linear = null!;
    private ModelScorer _lightGbm = null!;
    private ModelScorer _fastTree = null!;
    private float[][] _linearRows = [];
    private float[][] _rows = [];
    private SyntheticChurnRow[] _engineRows = [];
    private PredictionEngine<SyntheticChurnRow, ChurnPrediction> _engine = null!;
    private readonly ChurnPrediction _prediction = new();
    private readonly double[] _contributions = new double[SyntheticChurnData.FeatureCount];

    [GlobalSetup]
    public void Setup()
    {
        var context = new MLContext(seed: 7);
        var trainers = context.BinaryClassification.Trainers;
        var linearTraining = SyntheticChurnData.ToDataView(context, SyntheticChurnData.Generate(4000, seed: 1, withMissing: false));
        var training = SyntheticChurnData.ToDataView(context, SyntheticChurnData.Generate(4000, seed: 1));

        var lightGbm = trainers.LightGbm(numberOfIterations: Trees).Fit(training);
        _linear = Export(trainers.LbfgsLogisticRegression().Fit(linearTraining), linearTraining, "linear");
        _lightGbm = Export(lightGbm, training, "lightgbm");
        _fastTree = Export(trainers.FastTree(numberOfTrees: Trees).Fit(training), training, "fasttree");

        _linearRows = [.. SyntheticChurnData.Generate(Rows, seed: 2, withMissing: false).Select(row => row.Features)];
        _engineRows = [.. SyntheticChurnData.Generate(Rows, seed: 2)];
        _rows = [.. _engineRows.Select(row => row.Features)];
        _engine = context.Model.CreatePredictionEngine<SyntheticChurnRow, ChurnPrediction>(lightGbm);
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark(OperationsPerInvoke = Rows)]
    public double LinearScore()
    {
        var sum = 0.0;
        foreach (var row in _linearRows)
        {
            sum += _linear.Score(row).Probability;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public double LightGbm100TreesScore()
    {
        var sum = 0.0;
        foreach (var row in _rows)
        {
            sum += _lightGbm.Score(row).Probability;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public double FastTree100TreesScore()
    {
        var sum = 0.0;
        foreach (var row in _rows)
        {
            sum += _fastTree.Score(row).Probability;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public double LinearContributions()
    {
        var sum = 0.0;
        foreach (var row in _linearRows)
        {
            sum += _linear.Contributions(row, _contributions) + _contributions[0];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public double LightGbm100TreesContributions()
    {
        var sum = 0.0;
        foreach (var row in _rows)
        {
            sum += _lightGbm.Contributions(row, _contributions) + _contributions[0];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public double LightGbm100TreesRescore()
    {
        // What a grain does per event: score, percentile and drivers.
        var sum = 0.0;
        foreach (var row in _rows)
        {
            var raw = _lightGbm.Contributions(row, _contributions);
            sum += _lightGbm.Calibrate(raw) + _lightGbm.Percentile(raw);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public double LightGbm100TreesMlNetPredictionEngine()
    {
        var sum = 0.0;
        foreach (var row in _engineRows)
        {
            var prediction = _prediction;
            _engine.Predict(row, ref prediction);
            sum += prediction.Probability;
        }

        return sum;
    }

    private static ModelScorer Export(ITransformer model, IDataView training, string version) =>
        ModelScorer.Create(ModelSnapshotExporter.Export(model, training, new SnapshotExportOptions { Name = "churn-bench", Version = version }));
}
