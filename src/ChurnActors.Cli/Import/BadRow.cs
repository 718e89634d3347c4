namespace ChurnActors.Cli.Import;

/// <summary>A row of the input that could not be imported: where it is and what is wrong with it.</summary>
internal sealed record BadRow(long Line, string Problem);
