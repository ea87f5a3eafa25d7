using Coordinator.IntegrationTests.Processes.Drill;

namespace Coordinator.IntegrationTests.Processes.Chaos;

/// <summary>
/// The fleet's gateway connections cut <paramref name="Cuts"/> times while it ran; <paramref name="Reconnected"/>:
/// from the last cut until it held a connection to a live gateway again (null if it had exited meanwhile).
/// </summary>
public sealed record FleetConnectionsCut(DateTimeOffset At, TimeSpan Length, int Cuts, IReadOnlyList<int> Gateways, TimeSpan? Reconnected)
    : FaultRecord($"cut the fleet's gateway connections (ss -K) from {At:O} for {Length.TotalSeconds:0} s: {Cuts} connections cut"
        + (Reconnected is { } again ? $"; connected to a live gateway again {again.TotalSeconds:0.0} s after the last cut" : "; the fleet had exited before it reconnected"));

/// <summary>
/// A client's connection cut, not a frozen client: <paramref name="After"/> into the campaign, every TCP
/// connection the fleet holds to any silo's gateway is destroyed with `ss -K`, again every
/// <see cref="Every"/> for <paramref name="Length"/> (each reconnection is cut too), while the fleet's
/// process keeps running. Its calls in flight fail with the connection; it must reconnect through any
/// live gateway, and its fenced writers and consumers lose nothing they should keep.
/// </summary>
public sealed record CutFleetConnections(TimeSpan After, TimeSpan Length) : IFault
{
    public static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);

    public async Task<FaultRecord> StrikeAsync(LiveRun run)
    {
        await run.CampaignStarted;
        await Task.Delay(After);
        var fleet = run.Fleet;
        var at = DateTimeOffset.UtcNow;
        var since = TimeProvider.System.GetTimestamp();
        var cuts = 0;
        var gateways = new SortedSet<int>();
        while (!fleet.HasExited && TimeProvider.System.GetElapsedTime(since) < Length)
        {
            var cut = await Sockets.CutAsync(fleet.Id, [.. run.Silos.Select(s => s.Ports.Gateway)]);
            cuts += cut.Count;
            gateways.UnionWith(cut.Select(c => c.PeerPort));
            await Task.Delay(Every); // the cut's rhythm is the fault itself, not a synchronisation
        }

        run.Say($"fault: cut {cuts} fleet connections to gateways {string.Join(", ", gateways)} in {Length.TotalSeconds:0} s; waiting for it to connect again");
        var ended = TimeProvider.System.GetTimestamp();
        TimeSpan? reconnected = null;
        try
        {
            await Poll.UntilAsync(
                async () => fleet.HasExited
                    ? throw new PollAbortedException("the fleet exited")
                    : await Sockets.ListAsync(fleet.Id, [.. run.Survivors.Select(s => s.Ports.Gateway)]),
                connections => connections.Count > 0,
                "the fleet to hold a connection to a live gateway again",
                run.Description.ReadyDeadline);
            reconnected = TimeProvider.System.GetElapsedTime(ended);
        }
        catch (PollAbortedException)
        {
            // Settled and gone: its exit code and summary are judged by the drill's checks.
        }

        var record = new FleetConnectionsCut(at, Length, cuts, [.. gateways], reconnected);
        run.Say("fault: " + record.Description);
        return record;
    }

    public override string ToString() => $"cut the fleet's connections {Length.TotalSeconds:0}s at +{After.TotalSeconds:0}s";
}
