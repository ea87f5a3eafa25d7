using System.Diagnostics;
using Coordinator.Benchmarks.Cluster;
using Coordinator.Benchmarks.Figures;
using Coordinator.Benchmarks.Measure;
using Coordinator.Domain;

namespace Coordinator.Benchmarks.Scale;

/// <summary>
/// Figures 18a-d: pointers registered in cumulative steps (services x 20 regions), and per step the
/// registration rate, the managed heap each new idle activation holds, the first read of a sample
/// of pointers after their deactivation, and what all of them cost while nobody calls them.
/// Registration and reads go through the client, as the console and the SDK call; deactivation and
/// the activation census use the silo's own grain factory.
/// </summary>
internal static class PointerScaleFigure
{
    /// <summary>How long a pointer keeps re-reading its stored state after its last call (<see cref="StoredStateFreshness"/>).</summary>
    private static readonly TimeSpan WarmFor = new StoredStateFreshness(StoredStateFreshness.GrainPeriod, DateTimeOffset.UnixEpoch).WarmFor;

    /// <summary>The window measured once the pointers stopped re-reading: two re-read periods.</summary>
    private static readonly TimeSpan IdleWindow = StoredStateFreshness.GrainPeriod * 2;

    /// <summary>The switchover grain's state name in storage.</summary>
    private const string PointerState = "switchover";

    public static async Task<(IReadOnlyList<FigureResult> Figures, IReadOnlyList<PointerKey> Pointers)> RunAsync(
        InProcessSilo silo, IClusterClient client, IReadOnlyList<Catalog.Entry> entries, int[] steps, int coldSample, CpuMeter cpu, Action<string> say, CancellationToken cancellationToken)
    {
        var random = new Random(18);
        var registered = new List<PointerKey>();
        var measured = new List<Step>();
        var baseline = await IdleAsync(silo, cpu, cancellationToken);
        await WarmUpAsync(silo, client, cancellationToken);
        say($"  no pointers: idle {baseline.Cores:0.00} cores; warmed up on {Catalog.ScaleInFlight} pointers of another service set");
        foreach (var target in steps)
        {
            var added = Enumerable.Range(registered.Count, target - registered.Count).Select(n => PointerKey.At(n)).ToList();
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            var window = cpu.Start();
            var clock = Stopwatch.StartNew();
            await RegisterAsync(client, added, cancellationToken);
            clock.Stop();
            var registering = window.Stop();
            var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
            registered.AddRange(added);
            await CheckBlueAsync(client, added, cancellationToken);

            var pool = registered.ToArray();
            random.Shuffle(pool);
            var sample = pool.Take(coldSample).ToList();
            await silo.DeactivateAsync([.. sample.Select(p => p.Grain(silo.Grains))], cancellationToken);
            var coldWindow = cpu.Start();
            var cold = await FirstReadsAsync(client, sample);
            var reading = coldWindow.Stop();
            var idle = await IdleAsync(silo, cpu, cancellationToken);
            var step = new Step(target, added.Count, clock.Elapsed, registering, (heapAfter - heapBefore) / (double)added.Count, cold, reading, idle);
            measured.Add(step);
            say($"  {target:N0} pointers: +{added.Count:N0} in {clock.Elapsed.TotalSeconds:0.00} s ({step.PerSecond:N0}/s), "
                + $"{step.BytesPerPointer:N0} bytes/pointer, cold first read {cold}, idle {idle.Cores:0.00} cores ({idle.ReadsPerSecond:N0} state reads/s)");
        }

        return ([Registration(entries[0], measured), Memory(entries[1], measured), Cold(entries[2], measured), IdleCost(entries[3], measured, baseline)], registered);
    }

    /// <summary>The same calls once on pointers of another service set, so the first step does not pay for JIT compilation.</summary>
    private static async Task WarmUpAsync(InProcessSilo silo, IClusterClient client, CancellationToken cancellationToken)
    {
        var warm = Enumerable.Range(0, Catalog.ScaleInFlight).Select(n => PointerKey.At(n, "w")).ToList();
        await RegisterAsync(client, warm, cancellationToken);
        await CheckBlueAsync(client, warm, cancellationToken);
        await silo.DeactivateAsync([.. warm.Select(p => p.Grain(silo.Grains))], cancellationToken);
        await FirstReadsAsync(client, warm);
    }

    private static Task RegisterAsync(IClusterClient client, List<PointerKey> pointers, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(pointers, Bounded(cancellationToken), async (p, _) => await Seed.RegisterAsync(client, p.Service, p.Region));

    /// <summary>
    /// A window of <see cref="IdleWindow"/> with no calls, after <see cref="WarmFor"/> (and one period) in which the
    /// pointers called last still re-read: the process's CPU and the pointers' state reads per second.
    /// </summary>
    private static async Task<Idle> IdleAsync(InProcessSilo silo, CpuMeter cpu, CancellationToken cancellationToken)
    {
        await Task.Delay(WarmFor + StoredStateFreshness.GrainPeriod, cancellationToken);
        var readsBefore = silo.Reads.Of(PointerState);
        var window = cpu.Start();
        await Task.Delay(IdleWindow, cancellationToken);
        return new Idle(window.Stop(), (silo.Reads.Of(PointerState) - readsBefore) / IdleWindow.TotalSeconds);
    }

    private sealed record Step(
        int Pointers, int Added, TimeSpan Elapsed, CpuUse? Registering, double BytesPerPointer, LatencySummary Cold, CpuUse? Reading, Idle Idle)
    {
        public double PerSecond => Added / Elapsed.TotalSeconds;
    }

    /// <summary>A window with no calls: the process's CPU and the pointers' own state re-reads.</summary>
    private sealed record Idle(CpuUse? Cpu, double ReadsPerSecond)
    {
        public double Cores => Cpu?.OwnCores ?? double.NaN;
    }

    private static FigureResult Registration(Catalog.Entry entry, List<Step> steps)
    {
        var series = ScaleStep.Series([.. steps.Select(s => ((long)s.Pointers, s.PerSecond))]);
        return FigureResult.Measured(entry.Id, entry.Title, steps[^1].PerSecond, entry.Unit, null, null,
        [
            $"each step registers Blue then Green in every new pointer, {Catalog.ScaleInFlight} pointers in flight, then reads every new pointer back: all on Blue at epoch 0",
            .. steps.Select((s, i) => $"to {s.Pointers:N0}: +{s.Added:N0} in {s.Elapsed.TotalSeconds:0.00} s, {s.PerSecond:N0} pointers/s{Growth(series[i])}; {s.Registering}"),
        ]) with { Steps = series };
    }

    private static FigureResult Memory(Catalog.Entry entry, List<Step> steps)
    {
        var series = ScaleStep.Series([.. steps.Select(s => ((long)s.Pointers, s.BytesPerPointer))]);
        return FigureResult.Measured(entry.Id, entry.Title, steps[^1].BytesPerPointer, entry.Unit, null, null,
        [
            "GC.GetTotalMemory(forceFullCollection: true) before and after a step's registrations, over the pointers it added; "
            + "the whole process: the pointer activations, the silo's directory and the client, and with embedded storage the stored state too (held in memory)",
            .. steps.Select((s, i) => $"to {s.Pointers:N0}: {s.BytesPerPointer:N0} bytes/pointer{Growth(series[i])}"),
        ]) with { Steps = series };
    }

    private static FigureResult Cold(Catalog.Entry entry, List<Step> steps)
    {
        var series = ScaleStep.Series([.. steps.Select(s => ((long)s.Pointers, s.Cold.P50Ms))]);
        return FigureResult.Measured(entry.Id, entry.Title, steps[^1].Cold.P50Ms, entry.Unit, null, steps[^1].Cold,
        [
            "per step: a random sample of the pointers registered so far is deactivated (DeactivateOnIdle, then waited for until the silo lists none of them), "
            + "then each is read once with GetActiveArmAsync, one at a time: the activation reads the pointer's state from storage; every read answered Blue at epoch 0",
            .. steps.Select((s, i) => $"at {s.Pointers:N0}: {s.Cold}{Growth(series[i])}; {s.Reading}"),
        ]) with { Steps = series };
    }

    private static FigureResult IdleCost(Catalog.Entry entry, List<Step> steps, Idle baseline)
    {
        var series = ScaleStep.Series([.. steps.Select(s => ((long)s.Pointers, s.Idle.Cores))]);
        return FigureResult.Measured(entry.Id, entry.Title, steps[^1].Idle.Cores, entry.Unit, null, null,
        [
            $"per step, after the cold reads: {(WarmFor + StoredStateFreshness.GrainPeriod).TotalSeconds:0} s with no calls from any client (a pointer re-reads its stored state "
            + $"every {StoredStateFreshness.GrainPeriod.TotalSeconds:0} s for {WarmFor.TotalSeconds:0} s after its last call, so a duplicate activation cannot keep serving an old epoch), "
            + $"then {IdleWindow.TotalSeconds:0} s measured; state reads counted at the storage",
            $"before any pointer was registered (silo, clients, stream polling): {baseline.Cores:0.00} cores; {baseline.Cpu}",
            .. steps.Select((s, i) => $"at {s.Pointers:N0}: {s.Idle.Cores:0.00} cores{Growth(series[i])}, {s.Idle.ReadsPerSecond:N0} pointer state reads/s; {s.Idle.Cpu}"),
        ]) with { Steps = series };
    }

    private static string Growth(ScaleStep step) => step.GrowthFromPrevious is { } g ? $" (x{g:0.00} the step before)" : string.Empty;

    private static ParallelOptions Bounded(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Catalog.ScaleInFlight, CancellationToken = cancellationToken };

    private static async Task CheckBlueAsync(IClusterClient client, List<PointerKey> pointers, CancellationToken cancellationToken)
    {
        var wrong = 0;
        string? example = null;
        await Parallel.ForEachAsync(pointers, Bounded(cancellationToken), async (p, _) =>
        {
            var view = await p.Grain(client).GetActiveArmAsync();
            if (Check(p, view) is { } problem)
            {
                Interlocked.Increment(ref wrong);
                example ??= problem;
            }
        });
        if (wrong > 0)
        {
            throw new InvalidOperationException($"{wrong} of {pointers.Count} registered pointers did not answer Blue at epoch 0, e.g. {example}");
        }
    }

    private static string? Check(PointerKey pointer, ActiveArmView view) =>
        view.ActiveArm == Arm.Blue && view.Epoch == 0 && view.ActiveManifest is not null
            ? null
            : $"{pointer.Service}/{pointer.Region}: {view.ActiveArm} at epoch {view.Epoch}";

    private static async Task<LatencySummary> FirstReadsAsync(IClusterClient client, List<PointerKey> sample)
    {
        var ticks = new List<long>(sample.Count);
        foreach (var pointer in sample)
        {
            var started = Stopwatch.GetTimestamp();
            var view = await pointer.Grain(client).GetActiveArmAsync();
            ticks.Add(Stopwatch.GetTimestamp() - started);
            if (Check(pointer, view) is { } problem)
            {
                throw new InvalidOperationException($"after its deactivation {problem}, expected Blue at epoch 0");
            }
        }

        return LatencySummary.FromTicks(ticks);
    }
}

/// <summary>The n-th pointer of the scale figures: service n / 20, region n % 20, in a service set unique to the run.</summary>
internal sealed record PointerKey(string Service, string Region)
{
    /// <param name="n">Which pointer.</param>
    /// <param name="set">Names the service set: "s" for the measured pointers, another letter for a warm-up.</param>
    public static PointerKey At(int n, string set = "s") =>
        new($"{Seed.Service}-{set}{n / Catalog.ScaleRegionsPerService:D3}", $"region-{n % Catalog.ScaleRegionsPerService:D2}");

    public ISwitchoverGrain Grain(IGrainFactory grains) => grains.GetGrain<ISwitchoverGrain>(RegionKey.Format(Service, Region));
}
