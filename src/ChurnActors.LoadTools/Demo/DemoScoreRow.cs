using ChurnActors.Api.Contracts;

namespace ChurnActors.LoadTools.Demo;

/// <summary>One row of the demo's score table: a customer, its score block (null when it could not be read), and a note.</summary>
public sealed record DemoScoreRow(string UserId, ScoreResponse? Score, string? Note = null);
