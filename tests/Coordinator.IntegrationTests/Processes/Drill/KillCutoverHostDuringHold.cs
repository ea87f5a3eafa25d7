namespace Coordinator.IntegrationTests.Processes.Drill;

/// <summary>SIGKILLs the silo hosting the campaign's cutover grain as soon as the fleet reports <paramref name="Region"/> holding.</summary>
public sealed record KillCutoverHostDuringHold(string Region, int Wave) : IFault
{
    public async Task<FaultRecord> StrikeAsync(LiveRun run)
    {
        // Asked before the hold, so no console start-up delay stands between seeing the hold and the
        // kill. Grains do not move while every silo lives; the checks catch a stale answer.
        var port = await Poll.UntilAsync(
            () => run.Coord.HostAsync(),
            answer => answer is not null,
            "`coord campaign host` to name the cutover grain's silo",
            run.Description.HoldDeadline,
            errorsMeanNotYet: true,
            attemptTimeout: run.Description.CommandDeadline);
        var victim = run.Survivors.SingleOrDefault(s => s.Ports.Silo == port)
            ?? throw new InvalidOperationException(
                $"campaign host named silo port {port}, which is none of ours ({string.Join(", ", run.Silos.Select(s => s.Ports.Silo))})");
        run.Say($"the cutover grain is on {victim.Name} (silo port {port})");

        // The fleet logs every region change 4 times a second; a console command per poll could take longer than the hold.
        var holding = $"{Region} (wave {Wave}): in-progress, step hold-and-watch";
        await Poll.UntilAsync(
            () =>
            {
                var fleet = run.Fleet;
                if (fleet.HasExited)
                {
                    throw new PollAbortedException($"the fleet exited with {fleet.ExitCode} before {Region} held");
                }

                var printed = fleet.Output;
                if (printed.Contains("rolling-back", StringComparison.Ordinal)
                    || printed.Contains("rolled-back", StringComparison.Ordinal)
                    || printed.Contains("waiting-for-approval", StringComparison.Ordinal))
                {
                    throw new PollAbortedException($"the campaign stopped before {Region} held");
                }

                return printed.Contains(holding, StringComparison.Ordinal);
            },
            $"the fleet to print '{holding}'",
            run.Description.HoldDeadline);

        var at = DateTimeOffset.UtcNow;
        await run.KillAsync(victim);
        var record = new SiloKilled(victim.Name, victim.Ports.Silo, at, Region, WasCutoverHost: true);
        run.Say(record.Description);
        return record;
    }
}
