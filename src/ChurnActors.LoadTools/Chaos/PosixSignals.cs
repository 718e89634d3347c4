using System.Runtime.InteropServices;

namespace ChurnActors.LoadTools.Chaos;

/// <summary>POSIX signals to other processes (.NET sends SIGKILL through <see cref="System.Diagnostics.Process.Kill()"/>, but has no SIGTERM).</summary>
internal static class PosixSignals
{
    public const int Sigterm = 15;
    public const int Sigkill = 9;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Send(int pid, int signal);
}
