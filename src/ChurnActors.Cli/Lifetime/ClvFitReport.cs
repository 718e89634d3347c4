using System.Globalization;
using System.Text;
using System.Text.Json;
using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Cli.Lifetime;

/// <summary>
/// What <c>clv fit</c> found: the three fits and, with a holdout period, predicted against actual holdout purchases
/// by calibration frequency. Renders as a table or as one JSON object.
/// </summary>
internal sealed class ClvFitReport
{
    /// <summary>Calibration frequencies shown separately; higher ones are pooled into one "N+" row.</summary>
    public const int PooledFrequency = 7;

    public ClvFitReport(
        CalibrationSplit split,
        LifetimeFit<BgNbdParameters> bgNbd,
        LifetimeFit<ParetoNbdParameters> paretoNbd,
        LifetimeFit<GammaGammaParameters> gammaGamma)
    {
        ArgumentNullException.ThrowIfNull(split);
        Split = split;
        BgNbd = bgNbd;
        ParetoNbd = paretoNbd;
        GammaGamma = gammaGamma;
        Holdout = split.HoldoutEnd is null ? [] : BuildHoldout(split, bgNbd.Parameters, paretoNbd.Parameters);
    }

    public CalibrationSplit Split { get; }

    public LifetimeFit<BgNbdParameters> BgNbd { get; }

    public LifetimeFit<ParetoNbdParameters> ParetoNbd { get; }

    public LifetimeFit<GammaGammaParameters> GammaGamma { get; }

    /// <summary>Rows by calibration frequency, then the total; empty without a holdout period.</summary>
    public IReadOnlyList<HoldoutRow> Holdout { get; }

    public string FormatTable()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var repeat = Split.Customers.Count(x => x.Summary.Frequency > 0);
        text.AppendLine(c, $"calibration through {Split.CalibrationEnd:yyyy-MM-dd}: {Split.Customers.Count} customers, {repeat} with repeat purchases (time unit: {Unit()})");
        text.AppendLine();
        var b = BgNbd.Parameters;
        text.AppendLine(c, $"{"BG/NBD",-13}r {b.R:0.0000}  alpha {b.Alpha:0.0000}  a {b.A:0.0000}  b {b.B:0.0000}  log-likelihood {BgNbd.LogLikelihood:0.00}{Note(BgNbd.Converged)}");
        var p = ParetoNbd.Parameters;
        text.AppendLine(c, $"{"Pareto/NBD",-13}r {p.R:0.0000}  alpha {p.Alpha:0.0000}  s {p.S:0.0000}  beta {p.Beta:0.0000}  log-likelihood {ParetoNbd.LogLikelihood:0.00}{Note(ParetoNbd.Converged)}");
        var g = GammaGamma.Parameters;
        text.AppendLine(c, $"{"Gamma-Gamma",-13}p {g.P:0.0000}  q {g.Q:0.0000}  v {g.V:0.0000}  log-likelihood {GammaGamma.LogLikelihood:0.00}  ({GammaGamma.Customers} customers with repeat purchases; mean spend {g.MeanSpend:0.00}){Note(GammaGamma.Converged)}");
        if (Split.HoldoutEnd is { } end)
        {
            text.AppendLine();
            text.AppendLine(c, $"holdout {Split.CalibrationEnd.AddDays(1):yyyy-MM-dd} to {end:yyyy-MM-dd} ({Split.HoldoutLength:0.00} {Unit()}): repeat purchases, actual vs predicted");
            text.AppendLine(c, $"{"x (calibration)",-16}{"customers",10}{"actual",10}{"BG/NBD",10}{"Pareto/NBD",12}");
            foreach (var row in Holdout)
            {
                text.AppendLine(c, $"{row.Label,-16}{row.Customers,10}{row.Actual,10}{row.BgNbd,10:0.0}{row.ParetoNbd,12:0.0}");
            }
        }

        return text.ToString();
    }

    public string FormatJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("calibrationEnd", Split.CalibrationEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("timeUnit", Unit());
            json.WriteNumber("customers", Split.Customers.Count);

            json.WriteStartObject("bgnbd");
            json.WriteNumber("r", BgNbd.Parameters.R);
            json.WriteNumber("alpha", BgNbd.Parameters.Alpha);
            json.WriteNumber("a", BgNbd.Parameters.A);
            json.WriteNumber("b", BgNbd.Parameters.B);
            WriteFitDetails(json, BgNbd.LogLikelihood, BgNbd.Customers, BgNbd.Iterations, BgNbd.Converged);
            json.WriteEndObject();

            json.WriteStartObject("paretoNbd");
            json.WriteNumber("r", ParetoNbd.Parameters.R);
            json.WriteNumber("alpha", ParetoNbd.Parameters.Alpha);
            json.WriteNumber("s", ParetoNbd.Parameters.S);
            json.WriteNumber("beta", ParetoNbd.Parameters.Beta);
            WriteFitDetails(json, ParetoNbd.LogLikelihood, ParetoNbd.Customers, ParetoNbd.Iterations, ParetoNbd.Converged);
            json.WriteEndObject();

            json.WriteStartObject("gammaGamma");
            json.WriteNumber("p", GammaGamma.Parameters.P);
            json.WriteNumber("q", GammaGamma.Parameters.Q);
            json.WriteNumber("v", GammaGamma.Parameters.V);
            WriteFitDetails(json, GammaGamma.LogLikelihood, GammaGamma.Customers, GammaGamma.Iterations, GammaGamma.Converged);
            json.WriteEndObject();

            if (Split.HoldoutEnd is { } end)
            {
                var total = Holdout[^1];
                json.WriteStartObject("holdout");
                json.WriteString("end", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteNumber("length", Split.HoldoutLength);
                json.WriteNumber("actual", total.Actual);
                json.WriteNumber("bgnbd", total.BgNbd);
                json.WriteNumber("paretoNbd", total.ParetoNbd);
                json.WriteStartArray("byFrequency");
                foreach (var row in Holdout.Take(Holdout.Count - 1))
                {
                    json.WriteStartObject();
                    json.WriteString("x", row.Label);
                    json.WriteNumber("customers", row.Customers);
                    json.WriteNumber("actual", row.Actual);
                    json.WriteNumber("bgnbd", row.BgNbd);
                    json.WriteNumber("paretoNbd", row.ParetoNbd);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteFitDetails(Utf8JsonWriter json, double logLikelihood, int customers, int iterations, bool converged)
    {
        json.WriteNumber("logLikelihood", logLikelihood);
        json.WriteNumber("customers", customers);
        json.WriteNumber("iterations", iterations);
        json.WriteBoolean("converged", converged);
    }

    private static string Note(bool converged) => converged ? string.Empty : "  (did not converge)";

    private static IReadOnlyList<HoldoutRow> BuildHoldout(CalibrationSplit split, BgNbdParameters bgNbd, ParetoNbdParameters paretoNbd)
    {
        var length = split.HoldoutLength;
        var groups = new (int Customers, int Actual, double BgNbd, double ParetoNbd)[PooledFrequency + 1];
        foreach (var customer in split.Customers)
        {
            var summary = customer.Summary;
            var index = Math.Min(summary.Frequency, PooledFrequency);
            var group = groups[index];
            groups[index] = (
                group.Customers + 1,
                group.Actual + customer.HoldoutPurchases,
                group.BgNbd + bgNbd.ExpectedPurchases(summary, length),
                group.ParetoNbd + paretoNbd.ExpectedPurchases(summary, length));
        }

        var rows = groups
            .Select((g, x) => new HoldoutRow(x == PooledFrequency ? $"{x}+" : x.ToString(CultureInfo.InvariantCulture), g.Customers, g.Actual, g.BgNbd, g.ParetoNbd))
            .ToList();
        rows.Add(new HoldoutRow("total", rows.Sum(r => r.Customers), rows.Sum(r => r.Actual), rows.Sum(r => r.BgNbd), rows.Sum(r => r.ParetoNbd)));
        return rows;
    }

    private string Unit() =>
        Split.TimeUnit == TimeSpan.FromDays(7) ? "weeks" : Split.TimeUnit == TimeSpan.FromDays(1) ? "days" : $"{Split.TimeUnit.TotalDays.ToString(CultureInfo.InvariantCulture)} days";
}
