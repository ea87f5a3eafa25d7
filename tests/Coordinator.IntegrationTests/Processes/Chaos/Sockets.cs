using System.Globalization;
using System.Text.RegularExpressions;

namespace Coordinator.IntegrationTests.Processes.Chaos;

/// <summary>One established TCP connection of a process: its own port and the port it reached.</summary>
public sealed record TcpConnection(int LocalPort, int PeerPort);

/// <summary>
/// A process's TCP connections on loopback, through ss(8): listed by pid, and cut with `ss -K` (the
/// kernel destroys the socket: the process sees its connection aborted, the peer a reset), so a
/// client can lose its gateways while it keeps running. Needs root and a kernel with SOCK_DESTROY.
/// </summary>
public static partial class Sockets
{
    /// <summary>The established connections <paramref name="pid"/> holds to any of <paramref name="peerPorts"/>.</summary>
    public static async Task<IReadOnlyList<TcpConnection>> ListAsync(int pid, IReadOnlyCollection<int> peerPorts)
    {
        var listed = await RunAsync("ss-list", ["-H", "-t", "-n", "-p", "state", "established"]);
        var owner = $"pid={pid.ToString(CultureInfo.InvariantCulture)},";
        return [.. listed.Split('\n')
            .Where(line => line.Contains(owner, StringComparison.Ordinal))
            .Select(line => Connection().Match(line))
            .Where(m => m.Success)
            .Select(m => new TcpConnection(int.Parse(m.Groups["local"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["peer"].Value, CultureInfo.InvariantCulture)))
            .Where(c => peerPorts.Contains(c.PeerPort))];
    }

    /// <summary>Cuts every connection <paramref name="pid"/> holds to <paramref name="peerPorts"/>; answers the ones cut.</summary>
    public static async Task<IReadOnlyList<TcpConnection>> CutAsync(int pid, IReadOnlyCollection<int> peerPorts)
    {
        var connections = await ListAsync(pid, peerPorts);
        var cut = new List<TcpConnection>();
        foreach (var connection in connections)
        {
            // Both ends named, so only this process's end of this connection matches.
            var killed = await RunAsync("ss-kill",
            [
                "-K", "-H", "-t", "-n", "state", "established",
                "src", $"127.0.0.1:{connection.LocalPort.ToString(CultureInfo.InvariantCulture)}",
                "dst", $"127.0.0.1:{connection.PeerPort.ToString(CultureInfo.InvariantCulture)}",
            ]);
            if (!string.IsNullOrWhiteSpace(killed))
            {
                cut.Add(connection);
            }
        }

        return cut;
    }

    private static async Task<string> RunAsync(string name, IReadOnlyList<string> arguments)
    {
        await using var ss = ChildProcess.Start(name, "ss", arguments, Path.GetTempPath());
        var code = await ss.WaitForExitAsync(TimeSpan.FromSeconds(10));
        return code == 0
            ? ss.StandardOutput
            : throw new InvalidOperationException($"ss {string.Join(' ', arguments)} exited {code}: {ss.Output}");
    }

    // "0  0  127.0.0.1:54321  127.0.0.1:30000  users:((...))": with a state filter ss prints no state column.
    [GeneratedRegex(@"^\s*\d+\s+\d+\s+127\.0\.0\.1:(?<local>\d+)\s+127\.0\.0\.1:(?<peer>\d+)\s")]
    private static partial Regex Connection();
}
