namespace ChurnActors.Cli;

/// <summary>Process exit codes shared by every command.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked (and, for bench/demo, every acknowledged event reached its grain).</summary>
    public const int Success = 0;

    /// <summary>The command ran but failed: unreachable database or host, request errors, verification shortfall.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong: unknown command or option, missing or bad value, missing setting.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted with Ctrl+C.</summary>
    public const int Interrupted = 130;
}
