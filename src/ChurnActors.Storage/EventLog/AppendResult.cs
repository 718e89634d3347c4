namespace ChurnActors.Storage.EventLog;

/// <summary>What an append did: how many events were new and how many were already in the log.</summary>
public sealed record AppendResult(int Accepted, int Duplicates);
