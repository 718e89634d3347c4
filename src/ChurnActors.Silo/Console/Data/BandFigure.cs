namespace ChurnActors.Silo.Console.Data;

/// <summary>One band of the overview: how many customers are in it and the value they put at risk.</summary>
public sealed record BandFigure(string Band, long Customers, double ValueAtRisk);
