namespace ChurnActors.Silo.Hosting;

/// <summary>
/// The Orleans client's connection to the cluster in the <see cref="HostRoleOptions.Api"/> role: whether it has
/// connected, how many gateways (silos) it holds connections to, and while it waits, the attempts so far and the
/// latest failure. Fed by <see cref="ClusterClientConnection"/> and by Orleans' gateway notifications.
/// </summary>
public sealed class ClusterConnectionStatus : IClusterConnectionStatusObserver
{
    private readonly Lock _lock = new();
    private bool _connected;
    private int _gateways;
    private int _attempts;
    private string? _lastError;

    /// <summary>The client has connected once (start finished) and holds at least one gateway now.</summary>
    public bool Connected
    {
        get
        {
            lock (_lock)
            {
                return _connected && _gateways > 0;
            }
        }
    }

    /// <summary>Gateways the client is connected to (known once it has connected).</summary>
    public int Gateways
    {
        get
        {
            lock (_lock)
            {
                return _gateways;
            }
        }
    }

    /// <summary>Failed attempts to reach a gateway at start.</summary>
    public int Attempts
    {
        get
        {
            lock (_lock)
            {
                return _attempts;
            }
        }
    }

    /// <summary>Why the latest attempt failed; null once connected.</summary>
    public string? LastError
    {
        get
        {
            lock (_lock)
            {
                return _lastError;
            }
        }
    }

    /// <summary>An attempt to reach a gateway at start failed.</summary>
    public void AttemptFailed(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        lock (_lock)
        {
            _attempts++;
            _lastError = exception.Message;
        }
    }

    /// <summary>The client started: it reached at least one gateway.</summary>
    public void Started()
    {
        lock (_lock)
        {
            _connected = true;
            _gateways = Math.Max(_gateways, 1);
            _lastError = null;
        }
    }

    public void NotifyClusterConnectionLost()
    {
        lock (_lock)
        {
            _gateways = 0;
        }
    }

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        lock (_lock)
        {
            _gateways = currentNumberOfGateways;
        }
    }
}
