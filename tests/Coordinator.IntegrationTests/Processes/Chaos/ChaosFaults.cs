using Coordinator.IntegrationTests.Processes.Drill;

namespace Coordinator.IntegrationTests.Processes.Chaos;

/// <summary>A fault that ends with the run whole again, and how long that took after the fault ended.</summary>
public interface IRecovered
{
    /// <summary>From the fault's end (restart, thaw) to every live silo answering ready.</summary>
    TimeSpan Recovery { get; }
}

/// <summary>Silos SIGKILLed one after another, each restarted on its ports before the next is killed.</summary>
public sealed record SilosRestarted(IReadOnlyList<string> Silos, DateTimeOffset At, TimeSpan Recovery)
    : FaultRecord($"SIGKILLed and restarted {string.Join(", then ", Silos)} from {At:O}; all ready again {Recovery.TotalSeconds:0.0} s after the last restart"), IRecovered;

/// <summary>The run's Azurite SIGSTOPped for <paramref name="Length"/>, what readiness answered meanwhile, and the recovery after SIGCONT.</summary>
public sealed record StorageFrozen(DateTimeOffset At, TimeSpan Length, TimeSpan? NotReadyAfter, TimeSpan Recovery)
    : FaultRecord($"froze storage (SIGSTOP) at {At:O} for {Length.TotalSeconds:0} s; "
        + (NotReadyAfter is { } noticed ? $"readiness answered 503 {noticed.TotalSeconds:0.0} s in" : "readiness did not answer 503 on every silo ready before it")
        + $"; all ready again {Recovery.TotalSeconds:0.0} s after SIGCONT"), IRecovered;

/// <summary>
/// <paramref name="Count"/> silos (by index among those alive, from <paramref name="First"/>) SIGKILLed in
/// a row, <paramref name="After"/> after `campaign start` answered; each is restarted and ready before the next dies,
/// so the cluster never loses its majority while a death is being voted.
/// </summary>
public sealed record KillAndRestartSilos(TimeSpan After, int First, int Count) : IFault
{
    public async Task<FaultRecord> StrikeAsync(LiveRun run)
    {
        await run.CampaignStarted;
        await Task.Delay(After);
        var at = DateTimeOffset.UtcNow;
        var names = new List<string>();
        var recovery = TimeSpan.Zero;
        for (var i = 0; i < Count; i++)
        {
            var alive = run.Survivors.OrderBy(s => s.Ports.Silo).ToList();
            var victim = alive[(First + i) % alive.Count];
            await run.KillAsync(victim);
            run.Say($"fault: SIGKILLed {victim.Name} (silo port {victim.Ports.Silo})");
            var restarted = run.Restart(victim);
            var since = TimeProvider.System.GetTimestamp();
            run.Say($"fault: restarted it as {restarted.Name}, pid {restarted.Process.Id}");
            await run.WaitUntilReadyAsync(run.Survivors);
            recovery = TimeProvider.System.GetElapsedTime(since);
            names.Add(victim.Name);
        }

        var record = new SilosRestarted(names, at, recovery);
        run.Say("fault: " + record.Description);
        return record;
    }

    public override string ToString() => $"kill+restart {Count} silo(s) from #{First} at +{After.TotalSeconds:0}s";
}

/// <summary>
/// SIGSTOPs the run's own Azurite <paramref name="After"/> into the campaign for <paramref name="Length"/>,
/// watching a silo's readiness meanwhile, then SIGCONTs it and waits for every silo to be ready again.
/// </summary>
public sealed record FreezeStorage(OwnedAzurite Storage, TimeSpan After, TimeSpan Length) : IFault
{
    /// <summary>How soon readiness must notice: the silo's storage probe times out within seconds.</summary>
    public static readonly TimeSpan NoticeDeadline = TimeSpan.FromSeconds(8);

    public async Task<FaultRecord> StrikeAsync(LiveRun run)
    {
        await run.CampaignStarted;
        await Task.Delay(After);

        // Only silos ready just before the freeze can show readiness noticing it (a silo still
        // starting answers nothing at all).
        var before = await Task.WhenAll(run.Survivors.Select(async silo => (Silo: silo, Ready: await IsReadyAsync(run, silo))));
        var watched = before.Where(b => b.Ready).Select(b => b.Silo).ToList();
        var at = DateTimeOffset.UtcNow;
        var since = TimeProvider.System.GetTimestamp();
        await Storage.FreezeAsync();
        TimeSpan? notReadyAfter = null;

        // Thawed however this ends: a silo killed by another fault while it is watched aborts the
        // watch, and storage left frozen would fail every later round.
        try
        {
            run.Say($"fault: froze storage (SIGSTOP pid {Storage.ProcessId}) for {Length.TotalSeconds:0} s; watching readiness of {string.Join(", ", watched.Select(s => s.Name))}");
            try
            {
                // Every watched silo still alive must say 503; the slowest one is the figure. A silo
                // killed meanwhile by another fault drops out of the watch.
                await Task.WhenAll(watched.Select(silo => WatchAsync(run, silo, Length < NoticeDeadline ? Length : NoticeDeadline)));
                if (watched.Count > 0)
                {
                    notReadyAfter = TimeProvider.System.GetElapsedTime(since);
                    run.Say($"fault: every watched silo answered 503 on /healthz/ready (or died) within {notReadyAfter.Value.TotalSeconds:0.0} s of the freeze");
                }
            }
            catch (TimeoutException ex)
            {
                // Recorded: the readiness check fails the run on it.
                run.Say($"fault: {ex.Message}");
            }

            var left = Length - TimeProvider.System.GetElapsedTime(since);
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left); // the outage's length is the fault itself, not a synchronisation
            }
        }
        finally
        {
            await Storage.ThawAsync();
        }

        var thawed = TimeProvider.System.GetTimestamp();
        run.Say("fault: thawed storage (SIGCONT)");
        await run.WaitUntilReadyAsync(run.Survivors);
        var record = new StorageFrozen(at, Length, notReadyAfter, TimeProvider.System.GetElapsedTime(thawed));
        run.Say("fault: " + record.Description);
        return record;
    }

    private static async Task WatchAsync(LiveRun run, SiloProcess silo, TimeSpan within)
    {
        try
        {
            await Poll.UntilAsync(
                () => run.ReadyStatusAsync(silo),
                status => status == 503,
                $"{silo.Name} to answer 503 on /healthz/ready while storage is frozen",
                within,
                errorsMeanNotYet: true);
        }
        catch (PollAbortedException)
        {
            // Killed by another fault while watched: nothing left to notice the freeze.
        }
    }

    private static async Task<bool> IsReadyAsync(LiveRun run, SiloProcess silo)
    {
        try
        {
            return await run.ReadyStatusAsync(silo) == 200;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or PollAbortedException)
        {
            return false;
        }
    }

    public override string ToString() => $"freeze storage {Length.TotalSeconds:0}s at +{After.TotalSeconds:0}s";
}

/// <summary>The fleet's process frozen for <paramref name="Length"/>: its connections to the cluster went silent.</summary>
public sealed record FleetPaused(DateTimeOffset At, TimeSpan Length)
    : FaultRecord($"froze the fleet (SIGSTOP) at {At:O} for {Length.TotalSeconds:0} s: its gateway connections went silent, its leases and pointers aged");

/// <summary>
/// A client cut off: the fleet process SIGSTOPped <paramref name="After"/> into the campaign for
/// <paramref name="Length"/>, then SIGCONTed. Its sockets stay open but nothing moves, as in a
/// network cut without a reset; its fenced writers and consumers must lose nothing they should keep.
/// </summary>
public sealed record PauseFleet(TimeSpan After, TimeSpan Length) : IFault
{
    public async Task<FaultRecord> StrikeAsync(LiveRun run)
    {
        await run.CampaignStarted;
        await Task.Delay(After);
        var fleet = run.Fleet;
        var at = DateTimeOffset.UtcNow;
        if (fleet.HasExited)
        {
            return new FleetPaused(at, TimeSpan.Zero);
        }

        await Signals.SendAsync(fleet.Id, "STOP");
        try
        {
            run.Say($"fault: froze the fleet (SIGSTOP pid {fleet.Id}) for {Length.TotalSeconds:0} s");
            await Task.Delay(Length); // the cut's length is the fault itself, not a synchronisation
        }
        finally
        {
            await Signals.SendAsync(fleet.Id, "CONT");
        }

        run.Say("fault: thawed the fleet (SIGCONT)");
        return new FleetPaused(at, Length);
    }

    public override string ToString() => $"freeze the fleet {Length.TotalSeconds:0}s at +{After.TotalSeconds:0}s";
}
