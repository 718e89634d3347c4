namespace ChurnActors.Cli.Import;

/// <summary>Reads one input format as a stream of Segment messages, one group of rows at a time.</summary>
internal interface IImportReader
{
    /// <summary>
    /// The messages of <paramref name="input"/>, in input order, holding no more than the rows of the event being
    /// built. Rows left out go to <paramref name="tally"/>. With a <paramref name="rowLimit"/> reading stops at the
    /// first event boundary after that many rows, so a partial import never cuts an order in two.
    /// </summary>
    /// <exception cref="ImportFormatException">The input as a whole cannot be read in this format (e.g. a missing column).</exception>
    IEnumerable<SourceMessage> Read(TextReader input, ImportTally tally, long? rowLimit);
}
