namespace ChurnActors.Cli.Import;

/// <summary>One Segment message (UTF-8 JSON) read from the input, with the line it starts on.</summary>
internal readonly record struct SourceMessage(long Line, byte[] Json);
