using System.Net;
using System.Net.Sockets;

namespace ChurnActors.Testing;

/// <summary>Ports nobody listens on right now, for silos and servers started by tests.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
