using System.Net;
using System.Net.Sockets;

namespace Coordinator.IntegrationTests.Infrastructure;

public static class FreePorts
{
    /// <summary>
    /// Distinct loopback ports the OS just handed out as free. They are released before returning, so
    /// another process could take one in between; the silo would then fail to start and say so.
    /// </summary>
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
