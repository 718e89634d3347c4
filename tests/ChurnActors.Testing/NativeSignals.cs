using System.Runtime.InteropServices;

namespace ChurnActors.Testing;

/// <summary>POSIX signals to other processes (.NET has no API to send SIGTERM).</summary>
internal static class NativeSignals
{
    public const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Kill(int pid, int signal);
}
