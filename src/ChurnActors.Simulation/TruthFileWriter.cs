using System.Globalization;

namespace ChurnActors.Simulation;

/// <summary>
/// Writes the ground-truth CSV: a header, then one line per customer with its id, acquisition time, true dropout
/// time (empty when it had not dropped out by the end of the horizon), whether it decays, whether it started
/// anonymous, its purchase rate lambda (orders per day), its dropout probability p and its order count.
/// </summary>
public sealed class TruthFileWriter : IDisposable
{
    public const string Header = "customer_id,acquired_at,dropout_at,decaying,started_anonymous,lambda_per_day,dropout_probability,orders";

    private readonly StreamWriter _writer;

    public TruthFileWriter(string path)
    {
        _writer = new StreamWriter(path, append: false) { NewLine = "\n" };
        _writer.WriteLine(Header);
    }

    public void Write(SimulatedCustomer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        _writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{customer.CustomerId},{Format(customer.AcquiredAt)},{(customer.DropoutAt is { } d ? Format(d) : string.Empty)},{(customer.Decaying ? "true" : "false")},{(customer.StartedAnonymous ? "true" : "false")},{customer.Lambda:G9},{customer.DropoutProbability:G9},{customer.Orders}"));
    }

    public void Dispose() => _writer.Dispose();

    private static string Format(DateTimeOffset timestamp) => Segment.SegmentBatchWriter.FormatTimestamp(timestamp);
}
