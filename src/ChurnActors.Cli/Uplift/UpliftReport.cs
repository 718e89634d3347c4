using System.Globalization;
using System.Text;
using System.Text.Json;
using ChurnActors.Retention.Statistics;
using ChurnActors.Training.Uplift;

namespace ChurnActors.Cli.Uplift;

/// <summary>What <c>churnactors uplift</c> prints: the arm comparison and the uplift model's held-out metrics, as a table or JSON.</summary>
/// <param name="Input">The file read.</param>
/// <param name="Outcome">The outcome column compared (conversion, visit, spend).</param>
/// <param name="Covariate">The pre-period covariate of CUPED (history).</param>
/// <param name="TreatmentArm">The treatment arm's name.</param>
/// <param name="ControlArm">The control arm's name.</param>
/// <param name="Comparison">The statistics.</param>
/// <param name="Model">The uplift model's evaluation; null when it was not trained.</param>
/// <param name="ModelSkipped">Why the model was not trained.</param>
internal sealed record UpliftReport(
    string Input, string Outcome, string Covariate, string TreatmentArm, string ControlArm, ArmComparison Comparison, UpliftModelReport? Model, string? ModelSkipped)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public string FormatTable()
    {
        var c = Comparison;
        var binary = c.Kind == OutcomeKind.Binary;
        var level = (c.Confidence * 100).ToString("0.#", Invariant) + "% CI";
        var rate = binary ? $"{Outcome} rate" : $"mean {Outcome}";
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"{Input}: {Outcome}, {TreatmentArm} (treatment) against {ControlArm} (control)");
        text.AppendLine();
        text.AppendLine(Invariant, $"{"arm",-10} {"name",-20} {"customers",10} {(binary ? "successes" : "total"),10} {rate,17} {"spend/customer",15}");
        foreach (var (label, name, arm) in new[] { ("treatment", TreatmentArm, c.Treatment), ("control", ControlArm, c.Control) })
        {
            text.AppendLine(Invariant,
                $"{label,-10} {name,-20} {arm.Customers,10:N0} {arm.Successes,10:#,0.##} {Rate(arm.Rate, binary),17} {arm.RevenuePerCustomer,15:0.0000}");
        }

        text.AppendLine();
        text.AppendLine(Invariant, $"{"lift",-26} {Signed(c.Lift.Value, binary),12}   {level} {Range(c.Lift.Low, c.Lift.High, binary)}   p {P(c.Lift.PValue)}");
        text.AppendLine(Invariant, $"{"relative lift",-26} {Percent(c.RelativeLift.Value),12}   {level} [{Percent(c.RelativeLift.Low)}, {Percent(c.RelativeLift.High)}]");
        text.AppendLine(Invariant,
            $"{(binary ? "incremental customers" : $"incremental {Outcome}"),-26} {c.IncrementalCustomers.Value,12:+#,0.0;-#,0.0}   {level} [{c.IncrementalCustomers.Low:#,0.0}, {c.IncrementalCustomers.High:#,0.0}]");
        text.AppendLine(Invariant, $"{"spend/customer lift",-26} {c.RevenueLift.Value,12:+0.0000;-0.0000}   {level} [{c.RevenueLift.Low:0.0000}, {c.RevenueLift.High:0.0000}]   p {P(c.RevenueLift.PValue)}");
        text.AppendLine(Invariant, $"{"incremental spend",-26} {c.IncrementalRevenue.Value,12:+#,0.00;-#,0.00}   {level} [{c.IncrementalRevenue.Low:#,0.00}, {c.IncrementalRevenue.High:#,0.00}]");
        text.AppendLine(Invariant,
            $"{$"CUPED spend lift ({Covariate})",-26} {c.Cuped.Lift.Value,12:+0.0000;-0.0000}   {level} [{c.Cuped.Lift.Low:0.0000}, {c.Cuped.Lift.High:0.0000}]   p {P(c.Cuped.Lift.PValue)}   theta {c.Cuped.Theta:0.######}, variance reduction {c.Cuped.VarianceReduction:P2}");
        text.AppendLine();
        if (Model is { } model)
        {
            text.AppendLine(Invariant,
                $"uplift model ({model.Learner}): trained on {model.TrainRows:N0} rows, evaluated on {model.TestRows:N0} held-out rows ({model.TestTreated:N0} treated)");
            text.AppendLine(Invariant, $"{"Qini coefficient",-26} {model.Qini,12:0.0000}");
            text.AppendLine(Invariant, $"{"AUUC",-26} {model.Auuc,12:0.0000}");
            text.AppendLine(Invariant, $"{$"uplift at {model.K:P0}",-26} {model.UpliftAtK,12:+0.00000;-0.00000}   (all held-out rows: {model.TestLift:+0.00000;-0.00000})");
        }
        else
        {
            text.AppendLine(Invariant, $"uplift model: not trained ({ModelSkipped})");
        }

        return text.ToString();
    }

    public string FormatJson()
    {
        var c = Comparison;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("input", Input);
            json.WriteString("outcome", Outcome);
            json.WriteString("kind", c.Kind == OutcomeKind.Binary ? "binary" : "mean");
            Number(json, "confidence", c.Confidence);
            WriteArm(json, "treatment", TreatmentArm, c.Treatment);
            WriteArm(json, "control", ControlArm, c.Control);
            WriteDifference(json, "lift", c.Lift);
            WriteInterval(json, "relativeLift", c.RelativeLift);
            WriteInterval(json, "incrementalCustomers", c.IncrementalCustomers);
            WriteDifference(json, "revenueLift", c.RevenueLift);
            WriteInterval(json, "incrementalRevenue", c.IncrementalRevenue);
            json.WriteStartObject("cuped");
            json.WriteString("covariate", Covariate);
            Number(json, "theta", c.Cuped.Theta);
            WriteDifference(json, "lift", c.Cuped.Lift);
            WriteInterval(json, "incrementalRevenue", c.Cuped.IncrementalRevenue);
            Number(json, "varianceReduction", c.Cuped.VarianceReduction);
            json.WriteEndObject();
            if (Model is { } model)
            {
                json.WriteStartObject("model");
                json.WriteString("learner", model.Learner);
                json.WriteNumber("trainRows", model.TrainRows);
                json.WriteNumber("testRows", model.TestRows);
                json.WriteNumber("testTreated", model.TestTreated);
                Number(json, "qini", model.Qini);
                Number(json, "auuc", model.Auuc);
                Number(json, "k", model.K);
                Number(json, "upliftAt" + Math.Round(model.K * 100).ToString(Invariant), model.UpliftAtK);
                Number(json, "testLift", model.TestLift);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("model");
                json.WriteString("modelSkipped", ModelSkipped);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteArm(Utf8JsonWriter json, string property, string name, ArmSummary arm)
    {
        json.WriteStartObject(property);
        json.WriteString("arm", name);
        json.WriteNumber("customers", arm.Customers);
        json.WriteNumber("pending", arm.Pending);
        Number(json, "successes", arm.Successes);
        Number(json, "rate", arm.Rate);
        Number(json, "revenue", arm.Revenue);
        Number(json, "revenuePerCustomer", arm.RevenuePerCustomer);
        json.WriteEndObject();
    }

    private static void WriteDifference(Utf8JsonWriter json, string property, Difference difference)
    {
        json.WriteStartObject(property);
        Number(json, "absolute", difference.Value);
        Number(json, "standardError", difference.StandardError);
        Number(json, "ciLow", difference.Low);
        Number(json, "ciHigh", difference.High);
        Number(json, "pValue", difference.PValue);
        json.WriteEndObject();
    }

    private static void WriteInterval(Utf8JsonWriter json, string property, Interval interval)
    {
        json.WriteStartObject(property);
        Number(json, "value", interval.Value);
        Number(json, "ciLow", interval.Low);
        Number(json, "ciHigh", interval.High);
        json.WriteEndObject();
    }

    /// <summary>A number, or null where it is undefined (NaN, infinite): JSON has no NaN.</summary>
    private static void Number(Utf8JsonWriter json, string property, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(property, value);
        }
        else
        {
            json.WriteNull(property);
        }
    }

    private static string Rate(double value, bool binary) =>
        binary ? value.ToString("0.00000", Invariant) + $" ({value.ToString("P3", Invariant)})" : value.ToString("0.0000", Invariant);

    private static string Signed(double value, bool binary) => value.ToString(binary ? "+0.00000;-0.00000" : "+0.0000;-0.0000", Invariant);

    private static string Range(double low, double high, bool binary) => $"[{Signed(low, binary)}, {Signed(high, binary)}]";

    private static string Percent(double value) => double.IsFinite(value) ? value.ToString("+0.0%;-0.0%", Invariant) : "n/a";

    private static string P(double value) => value switch
    {
        double.NaN => "n/a",
        < 1e-4 => "< 0.0001 (" + value.ToString("0.0e+0", Invariant) + ")",
        _ => "= " + value.ToString("0.0000", Invariant),
    };
}
