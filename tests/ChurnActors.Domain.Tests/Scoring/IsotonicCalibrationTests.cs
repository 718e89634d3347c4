using ChurnActors.Domain.Scoring;

namespace ChurnActors.Domain.Tests.Scoring;

public sealed class IsotonicCalibrationTests
{
    // Pieces: scores [0, 1] -> 0.2 and [2, 3] -> 0.6 (ML.NET's PAV calibrator output shape).
    private static readonly ModelScorer Scorer = ModelScorer.Create(Snapshots.Linear() with
    {
        Calibration = ModelCalibration.Isotonic([0f, 2f], [1f, 3f], [0.2f, 0.6f]),
    });

    [Theory]
    [InlineData(0.5, 0.2)]
    [InlineData(1.0, 0.2)]
    [InlineData(2.5, 0.6)]
    public void Calibrate_IsThePiecesValue_InsideAPiece(double raw, double expected) =>
        Assert.Equal(expected, Scorer.Calibrate(raw), 6);

    [Fact]
    public void Calibrate_InterpolatesLinearly_BetweenPieces() =>
        Assert.Equal(0.4, Scorer.Calibrate(1.5), 6);

    [Theory]
    [InlineData(-10, 0.2)]
    [InlineData(10, 0.6)]
    public void Calibrate_KeepsTheEndValues_BeyondThePieces(double raw, double expected) =>
        Assert.Equal(expected, Scorer.Calibrate(raw), 6);

    [Fact]
    public void Calibrate_NeverReturnsZero_WhenAPieceHasProbabilityZero()
    {
        var scorer = ModelScorer.Create(Snapshots.Linear() with { Calibration = ModelCalibration.Isotonic([0f], [1f], [0f]) });

        Assert.Equal((double)1e-15f, scorer.Calibrate(0.5));
    }
}
