namespace ChurnActors.Grains;

/// <summary>Bounds for <see cref="System.ComponentModel.DataAnnotations.RangeAttribute"/> on options (attribute arguments must be constants).</summary>
public static class OptionRanges
{
    /// <summary>The shortest positive duration a setting may take.</summary>
    public const string OneMillisecond = "00:00:00.001";

    /// <summary><see cref="TimeSpan.MaxValue"/>.</summary>
    public const string MaxTimeSpan = "10675199.02:48:05.4775807";
}
