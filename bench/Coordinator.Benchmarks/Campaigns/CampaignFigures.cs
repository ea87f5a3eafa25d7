using System.Diagnostics;
using System.Globalization;
using Coordinator.Benchmarks.Cluster;
using Coordinator.Benchmarks.Figures;
using Coordinator.Benchmarks.Measure;
using Coordinator.Campaigns;

namespace Coordinator.Benchmarks.Campaigns;

/// <summary>
/// Figures 9-10: what the cutover coordinator itself costs. Each repetition runs a whole campaign on
/// a fresh service (one campaign per service at a time); the p50 over the repetitions is reported.
/// </summary>
internal static class CampaignFigures
{
    /// <summary>How the cutover grain moves: every 100 ms tick takes each region as far as it can go without waiting.</summary>
    private const string TickNote = "the cutover grain ticks every 100 ms and takes each region of the current wave through every step that need not wait, then starts the next wave in the same tick";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Figure 9: a one-wave campaign over <see cref="Catalog.RollbackRegions"/> regions with a 10 min
    /// hold, driven until every region is flipped and held; then AbortAsync, timed until the status
    /// shows RolledBack. Every region must be back on Blue at epoch 2 and unowned.
    /// </summary>
    public static async Task<IReadOnlyList<FigureResult>> RollbackAsync(
        IClusterClient client, string storage, Catalog.Entry wall, Catalog.Entry own, int repetitions, Action<string> say, CancellationToken cancellationToken)
    {
        var wallTicks = new List<long>();
        var ownTicks = new List<long>();
        var abortTicks = new List<long>();
        var inline = 0;
        var setup = new List<double>();
        for (var rep = 1; rep <= repetitions; rep++)
        {
            var fleet = await CampaignFleet.CreateAsync(client, $"rb-{storage}-{rep}", Catalog.RollbackRegions);
            var id = $"rollback-{rep}";
            var started = Stopwatch.StartNew();
            await fleet.Cutover.StartAsync(fleet.Spec(id, [fleet.Regions], TimeSpan.FromMinutes(10)));
            await fleet.DriveAsync(
                id,
                s => s.Regions.All(r => r.Outcome == RegionOutcome.InProgress && r.Step == ChecklistStep.HoldAndWatch && r.FlippedEpoch is not null),
                Deadline,
                cancellationToken);
            setup.Add(started.Elapsed.TotalSeconds);
            var flipped = await fleet.CheckPointersAsync(Arm.Green, 1, id);
            if (flipped is not null)
            {
                throw new InvalidOperationException($"before the abort: {flipped}");
            }

            var clock = Stopwatch.StartNew();
            var aborted = await fleet.Cutover.AbortAsync(id, Seed.Operator, "benchmark abort");
            var abortReturned = clock.ElapsedTicks;
            var status = aborted;
            while (status.State != CampaignState.RolledBack)
            {
                if (status.State != CampaignState.RollingBack || clock.Elapsed > Deadline)
                {
                    throw new InvalidOperationException($"after the abort the campaign is {status.State} ({status.Reason}) after {clock.Elapsed.TotalSeconds:0.0} s");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
                status = await fleet.Cutover.GetStatusAsync(id) ?? throw new InvalidOperationException($"campaign {id} vanished");
            }

            var elapsed = clock.ElapsedTicks;
            if (aborted.State == CampaignState.RolledBack)
            {
                inline++;
            }

            var rollback = status.RollbackDuration ?? throw new InvalidOperationException("a rolled-back campaign reports no RollbackDuration");
            if (status.Regions.FirstOrDefault(r => r.Outcome != RegionOutcome.RolledBack) is { } left)
            {
                throw new InvalidOperationException($"region {left.Region} is {left.Outcome} after the rollback");
            }

            var back = await fleet.CheckPointersAsync(Arm.Blue, 2);
            if (back is not null)
            {
                throw new InvalidOperationException($"after the rollback: {back}");
            }

            wallTicks.Add(elapsed);
            abortTicks.Add(abortReturned);
            ownTicks.Add((long)(rollback.TotalSeconds * Stopwatch.Frequency));
            say($"  run {rep}/{repetitions}: wall {LatencySummary.ToMs(elapsed):0} ms (AbortAsync returned after {LatencySummary.ToMs(abortReturned):0} ms), RollbackDuration {rollback.TotalMilliseconds:0} ms; {Catalog.RollbackRegions} regions flipped and held after {setup[^1]:0.0} s");
        }

        var wallSummary = LatencySummary.FromTicks(wallTicks);
        var ownSummary = LatencySummary.FromTicks(ownTicks);
        var runs = Runs(repetitions);
        string[] common =
        [
            $"each run: a fresh service with Blue and Green in {Catalog.RollbackRegions} regions; one wave over all of them, hold 10 min, no fences; every Warm Green answered with a passing smoke report (status polled every {CampaignFleet.PollPeriod.TotalMilliseconds:0} ms); AbortAsync once all {Catalog.RollbackRegions} were flipped and in Hold and watch (reached after {Median(setup):0.0} s, p50)",
            $"checked after every run: every region RolledBack in the status, and every pointer on Blue at epoch 2 with no owning campaign",
            $"the rollback runs inside AbortAsync: it returned RolledBack in {inline} of {repetitions} run(s); AbortAsync itself took {LatencySummary.FromTicks(abortTicks)}; every region is rolled back at once (claim, read, flip to Blue, fences, release), then one save records them all, with no tick in between",
        ];
        return
        [
            FigureResult.Measured(wall.Id, wall.Title, wallSummary.P50Ms, wall.Unit, wall.Target, wallSummary,
                [$"p50 of {runs}: {Each(wallTicks)} ms (client clock: AbortAsync called -> GetStatusAsync shows RolledBack)", .. common]),
            FigureResult.Measured(own.Id, own.Title, ownSummary.P50Ms, own.Unit, own.Target, ownSummary,
                $"p50 of {runs}: {Each(ownTicks)} ms (the status's RollbackDuration: rollback started -> every region back, on the silo's clock)"),
        ];
    }

    /// <summary>
    /// Figures 10 and 18h: StartAsync -> Completed for a campaign over <paramref name="regions"/> regions
    /// with zero hold, the benchmark answering every Warm Green as soon as its poll sees it.
    /// </summary>
    public static async Task<FigureResult> OverheadAsync(
        IClusterClient client, string storage, Catalog.Entry entry, int waves, int repetitions, CpuMeter cpu, Action<string> say, CancellationToken cancellationToken,
        int regions = Catalog.OverheadRegions)
    {
        var ticks = new List<long>();
        var own = new List<double>();
        var polls = new List<double>();
        var perWave = string.Empty;
        var window = cpu.Start();
        for (var rep = 1; rep <= repetitions; rep++)
        {
            var fleet = await CampaignFleet.CreateAsync(client, $"ov{waves}-{storage}-{rep}", regions);
            var waveSize = fleet.Regions.Length / waves;
            var spec = fleet.Spec($"overhead-{rep}", Enumerable.Range(0, waves).Select(w => fleet.Regions.Skip(w * waveSize).Take(waveSize)), TimeSpan.Zero);
            var clock = Stopwatch.StartNew();
            await fleet.Cutover.StartAsync(spec);
            var result = await fleet.DriveAsync(spec.CampaignId, s => s.State == CampaignState.Completed, Deadline, cancellationToken);
            var elapsed = clock.ElapsedTicks;
            var done = await fleet.CheckPointersAsync(Arm.Green, 1);
            if (done is not null)
            {
                throw new InvalidOperationException($"after the campaign: {done}");
            }

            if (result.Status.Regions.FirstOrDefault(r => r.Outcome != RegionOutcome.Done) is { } left)
            {
                throw new InvalidOperationException($"region {left.Region} is {left.Outcome} in a completed campaign");
            }

            ticks.Add(elapsed);
            own.Add(((result.Status.FinishedAt ?? result.Status.StartedAt) - result.Status.StartedAt).TotalMilliseconds);
            polls.Add(result.Polls);
            perWave = WaveDurations(result.Status);
            say($"  run {rep}/{repetitions}: {LatencySummary.ToMs(elapsed):0} ms ({result.Polls} polls, {result.SmokeReports} smoke reports)");
        }

        var used = window.Stop();
        var summary = LatencySummary.FromTicks(ticks);
        var perWaveMs = summary.P50Ms / waves;
        return FigureResult.Measured(entry.Id, entry.Title, summary.P50Ms, entry.Unit, entry.Target, summary,
            $"p50 of {Runs(repetitions)}: {Each(ticks)} ms (client clock: StartAsync called -> GetStatusAsync shows Completed); on the silo's clock StartedAt -> FinishedAt p50 {Median(own):0} ms",
            $"each run: a fresh service with Blue and Green in {regions} regions; {waves} wave(s) of {regions / waves}, automatic approval, hold 0, no fences; status polled every {CampaignFleet.PollPeriod.TotalMilliseconds:0} ms ({Median(polls):0} polls p50), and a passing smoke report submitted for each region the moment a poll shows it in Warm Green",
            $"checked after every run: every region Done, and every pointer on Green at epoch 1 with no owning campaign",
            $"{perWaveMs:0} ms per wave: {TickNote}; a region waits a tick only for its smoke report (polled by this benchmark) and otherwise costs the grain's own work (the wave's regions step together: each round every region takes its next step at once, then one state save records them all)",
            $"last run, {perWave}",
            $"{used} (the runs, registration of their regions included)");
    }

    /// <summary>Each wave's time on the silo's clock: from the previous wave's last region done (or the start) to its own.</summary>
    private static string WaveDurations(CampaignStatus status)
    {
        var previous = status.StartedAt;
        var each = new List<string>();
        foreach (var wave in status.Regions.GroupBy(r => r.WaveIndex).OrderBy(g => g.Key))
        {
            var done = wave.Max(r => r.Steps.Select(s => s.FinishedAt ?? s.StartedAt).DefaultIfEmpty(previous).Max());
            each.Add((done - previous).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture));
            previous = done;
        }

        return $"per wave on the silo's clock (start or previous wave's last region done -> this wave's last region done): {string.Join(", ", each)} ms";
    }

    private static string Runs(int repetitions) => repetitions == 1 ? "1 run (quick profile)" : $"{repetitions} runs (first one includes JIT warm-up)";

    private static string Each(IEnumerable<long> ticks) =>
        string.Join(", ", ticks.Select(t => LatencySummary.ToMs(t).ToString("0", CultureInfo.InvariantCulture)));

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[(sorted.Length - 1) / 2];
    }
}
