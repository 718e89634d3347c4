using System.Collections.ObjectModel;
using System.Diagnostics;

namespace ChurnActors.Api.Tests.Telemetry;

/// <summary>The spans an in-memory exporter hands over, safe to read while it adds more.</summary>
public sealed class ActivityRecorder : Collection<Activity>
{
    private readonly Lock _gate = new();

    public Activity[] Snapshot()
    {
        lock (_gate)
        {
            return [.. Items];
        }
    }

    protected override void InsertItem(int index, Activity item)
    {
        lock (_gate)
        {
            base.InsertItem(index, item);
        }
    }
}
