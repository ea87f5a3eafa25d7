using System.Net;
using System.Net.Sockets;

namespace Coordinator.Hosting;

/// <summary>Asks the OS for unused loopback TCP ports.</summary>
public static class FreePorts
{
    /// <summary>
    /// <paramref name="count"/> distinct ports, all held open until every one is chosen. Another
    /// process may still take one before the caller binds it; callers retry on "address in use".
    /// </summary>
    public static IReadOnlyList<int> Take(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
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
