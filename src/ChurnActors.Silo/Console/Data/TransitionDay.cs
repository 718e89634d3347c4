namespace ChurnActors.Silo.Console.Data;

/// <summary>Band changes of one UTC day, by the band customers moved into.</summary>
public sealed record TransitionDay(DateOnly Day, long ToLow, long ToMedium, long ToHigh)
{
    public long Total => ToLow + ToMedium + ToHigh;
}
