using ChurnActors.Retention.Control;
using ChurnActors.Domain.Risk;

namespace ChurnActors.Storage.Retention;

/// <summary>The names the retention tables store for arms, reasons, decisions and bands (the CHECK constraints of migration 0010).</summary>
public static class RetentionNames
{
    public static string Of(ControlArm arm) => arm == ControlArm.Treated ? "treated" : "control";

    public static string Of(ControlReason reason) => reason switch
    {
        ControlReason.Global => "global",
        ControlReason.Holdout => "holdout",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Only a control arm has a control reason."),
    };

    public static string Of(RiskBand band) => band switch
    {
        RiskBand.Low => "low",
        RiskBand.Medium => "medium",
        _ => "high",
    };

    public static string Of(EpisodeExitReason reason) => reason switch
    {
        EpisodeExitReason.Goal => "goal",
        EpisodeExitReason.BandExit => "band-exit",
        EpisodeExitReason.Completed => "completed",
        _ => "disabled",
    };

    public static string Of(ActionDecision decision) => decision switch
    {
        ActionDecision.Sent => "sent",
        ActionDecision.Control => "control",
        ActionDecision.Capped => "capped",
        ActionDecision.QuietHours => "quiet-hours",
        ActionDecision.Suppressed => "suppressed",
        ActionDecision.Budget => "budget",
        ActionDecision.Exited => "exited",
        _ => "failed",
    };

    public static ControlArm ParseArm(string name) => Parse<ControlArm>(name, Of);

    public static ControlReason ParseControlReason(string name) => name switch
    {
        "global" => ControlReason.Global,
        "holdout" => ControlReason.Holdout,
        _ => throw new FormatException($"'{name}' is not a control reason (global or holdout)."),
    };

    public static RiskBand ParseBand(string name) => Parse<RiskBand>(name, Of);

    public static EpisodeExitReason ParseExitReason(string name) => Parse<EpisodeExitReason>(name, Of);

    public static ActionDecision ParseDecision(string name) => Parse<ActionDecision>(name, Of);

    private static T Parse<T>(string name, Func<T, string> of)
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (of(value) == name)
            {
                return value;
            }
        }

        throw new FormatException($"'{name}' is not a stored {typeof(T).Name} name.");
    }
}
