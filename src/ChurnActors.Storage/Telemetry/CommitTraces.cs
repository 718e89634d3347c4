using System.Diagnostics;

namespace ChurnActors.Storage.Telemetry;

/// <summary>
/// The trace contexts of this process's recent commits, by their sequence range, so a grain applying events can link
/// its span to the commit that logged them (the dispatcher hands events on without any trace context). Written by the
/// log writer only while a commit span is sampled; a fixed ring, so memory stays bounded and older commits are forgotten.
/// </summary>
public static class CommitTraces
{
    private const int Capacity = 1024;

    private static readonly CommitTrace?[] Ring = new CommitTrace?[Capacity];
    private static int Next = -1;

    /// <summary>Notes that <paramref name="context"/> committed the sequences <paramref name="first"/> to <paramref name="last"/>.</summary>
    public static void Note(long first, long last, ActivityContext context)
    {
        var slot = (int)((uint)Interlocked.Increment(ref Next) % Capacity);
        Volatile.Write(ref Ring[slot], new CommitTrace(first, last, context));
    }

    /// <summary>The context of the noted commit that holds <paramref name="sequence"/>, if it is still remembered.</summary>
    public static ActivityContext? Find(long sequence)
    {
        // Newest first: a grain applies events a few commits after theirs at most, unless it is catching up.
        var newest = (int)((uint)Volatile.Read(ref Next) % Capacity);
        for (var i = 0; i < Capacity; i++)
        {
            if (Volatile.Read(ref Ring[(newest - i + Capacity) % Capacity]) is { } trace && trace.First <= sequence && sequence <= trace.Last)
            {
                return trace.Context;
            }
        }

        return null;
    }
}
