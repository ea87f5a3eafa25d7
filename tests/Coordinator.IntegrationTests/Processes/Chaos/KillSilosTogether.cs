using Coordinator.IntegrationTests.Processes.Drill;

namespace Coordinator.IntegrationTests.Processes.Chaos;

/// <summary>Silos SIGKILLed at the same moment, down together for <paramref name="Down"/>, then restarted on their ports.</summary>
public sealed record SilosDownTogether(IReadOnlyList<string> Silos, DateTimeOffset At, TimeSpan Down, TimeSpan Recovery)
    : FaultRecord($"SIGKILLed {string.Join(" and ", Silos)} together at {At:O}, down {Down.TotalSeconds:0} s; all ready again {Recovery.TotalSeconds:0.0} s after the restarts"), IRecovered;

/// <summary>
/// <paramref name="Count"/> silos (by index among those alive, from <paramref name="First"/>) SIGKILLed at
/// once <paramref name="After"/> after `campaign start` answered, so a lone survivor cannot vote them dead
/// (Orleans needs min(NumVotesForDeathDeclaration = 2, half the active silos whose I-am-alive is fresh)
/// votes, and a killed silo's I-am-alive goes stale only after 3 missed 10 s publishes). They come back
/// after <paramref name="Down"/>: each new silo declares its predecessor on the same endpoint dead as it
/// starts, and joins once every silo still listed active answers it.
/// </summary>
public sealed record KillSilosTogether(TimeSpan After, int First, int Count, TimeSpan Down) : IFault
{
    public async Task<FaultRecord> StrikeAsync(LiveRun run)
    {
        await run.CampaignStarted;
        await Task.Delay(After);
        var alive = run.Survivors.OrderBy(s => s.Ports.Silo).ToList();
        if (Count >= alive.Count)
        {
            throw new InvalidOperationException($"killing {Count} of {alive.Count} live silos would leave no survivor");
        }

        var victims = Enumerable.Range(0, Count).Select(i => alive[(First + i) % alive.Count]).ToList();
        var at = DateTimeOffset.UtcNow;
        await Task.WhenAll(victims.Select(run.KillAsync));
        run.Say($"fault: SIGKILLed {string.Join(" and ", victims.Select(v => $"{v.Name} (silo port {v.Ports.Silo})"))} together; down for {Down.TotalSeconds:0} s");
        await Task.Delay(Down); // the outage's length is the fault itself, not a synchronisation

        var restarted = victims.Select(run.Restart).ToList();
        var since = TimeProvider.System.GetTimestamp();
        run.Say($"fault: restarted them as {string.Join(", ", restarted.Select(r => $"{r.Name} (pid {r.Process.Id})"))}");
        await run.WaitUntilReadyAsync(run.Survivors);
        var record = new SilosDownTogether([.. victims.Select(v => v.Name)], at, Down, TimeProvider.System.GetElapsedTime(since));
        run.Say("fault: " + record.Description);
        return record;
    }

    public override string ToString() => $"kill {Count} silos together from #{First} at +{After.TotalSeconds:0}s, down {Down.TotalSeconds:0}s";
}
