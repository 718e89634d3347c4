namespace ChurnActors.LoadTools.Bench;

/// <summary>
/// What one nightly-batch recompute did: customers and events read, the wall time (reading and replaying), the part
/// spent replaying, and the sum of every feature written (so the work cannot be optimised away).
/// </summary>
public sealed record NightlyBatchResult(long Customers, long Events, TimeSpan Elapsed, TimeSpan Replaying, double Checksum);
