using Coordinator.Domain;
using System.Collections.Immutable;
using System.Diagnostics;
using Coordinator.Benchmarks.Cluster;
using Coordinator.Benchmarks.Figures;
using Coordinator.Benchmarks.Measure;
using Coordinator.Consumers;
using Coordinator.Fences;
using Coordinator.Grains.Segments;
using Orleans.Runtime;

namespace Coordinator.Benchmarks.Fences;

/// <summary>
/// Figures 13a-c: what a consumer pointer holding millions of keys in sealed segments on Azurite costs
/// when it activates. The segments and the pointer's state are written straight into the silo's grain
/// storage (as the pointer would have left them after that many commits), then the first call is timed:
/// on a first activation, and again after a deactivation, counting the segment reads each makes.
/// </summary>
internal static class LedgerActivationFigure
{
    private const int SegmentSize = 256;
    private const int FillParallelism = 32;
    private const string Blue = "consumer-blue";
    private const string Payload = "sha256:p";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(10);

    public static async Task<IReadOnlyList<FigureResult>> RunAsync(SiloSpec spec, int keys, Action<string> say, CancellationToken cancellationToken)
    {
        // The first call waits for the whole activation: past Orleans' 30 s response timeout at millions of keys here.
        await using var silo = await InProcessSilo.StartAsync(spec, CallTimeout, cancellationToken);
        var cpu = new CpuMeter([("benchmark+silo", Environment.ProcessId)]);
        var fence = FenceKey.Format(Seed.Service, "ledger-activation", "orders");
        var segments = keys / SegmentSize;
        var now = DateTimeOffset.UtcNow;

        var fill = Stopwatch.StartNew();
        var refs = await FillSegmentsAsync(silo, fence, segments, now, say, cancellationToken);
        await WriteStateAsync(silo, fence, refs, now);
        fill.Stop();
        say($"  filled {segments * SegmentSize:N0} keys in {segments:N0} segments in {fill.Elapsed.TotalSeconds:0} s");

        var pointer = silo.Grains.GetGrain<IConsumerPointerGrain>(fence);
        var cold = await FirstCallAsync(silo, pointer, "first-activation", cpu);
        say($"  first activation: {cold.Elapsed.TotalSeconds:0.0} s, {cold.Reads:N0} segment reads");

        await silo.DeactivateAsync([pointer], cancellationToken);
        var warm = await FirstCallAsync(silo, pointer, "after-deactivation", cpu);
        say($"  after a deactivation: {warm.Elapsed.TotalSeconds:0.0} s, {warm.Reads:N0} segment reads");

        // A replay of a key sealed long ago: its segment is not among the cached newest, so it is read.
        var readsBefore = silo.Reads.Of("segment");
        var replay = Stopwatch.StartNew();
        var duplicate = await pointer.CommitAsync(Commit(Key(7), 8));
        replay.Stop();
        var replayReads = silo.Reads.Of("segment") - readsBefore;
        if (duplicate.Outcome != CommitOutcome.Duplicate)
        {
            throw new InvalidOperationException($"a replay of an old key answered {duplicate.Outcome}, expected Duplicate");
        }

        var activation = Catalog.LedgerActivation(keys);
        var held = $"{segments * SegmentSize:N0} keys in {segments:N0} sealed segments of {SegmentSize}";
        return
        [
            FigureResult.Measured(activation.Id, activation.Title, warm.Elapsed.TotalMilliseconds, activation.Unit, null, null,
                $"{held}; filled by writing the segments and the state straight into the grain storage in {fill.Elapsed.TotalSeconds:0} s ({FillParallelism} writes at once)",
                $"the call: a commit of a new key, which activates the pointer; activation reads every live segment (a batch at a time) into the fingerprint filter",
                $"first activation in this silo: {cold.Elapsed.TotalMilliseconds:N0} ms, {cold.Reads:N0} segment reads; {cold.Cpu}",
                $"after a deactivation: {warm.Cpu}",
                $"silo in this process (azure mode), its calls waiting up to {CallTimeout.TotalMinutes:0} min; a client with Orleans' default 30 s response timeout "
                + "sees the calls of a longer activation time out (outcome unknown) and gets its answer by retrying with the same idempotency key",
                "Azurite is one of the 'other processes'"),
            FigureResult.Measured(Catalog.LedgerActivationReads.Id, Catalog.LedgerActivationReads.Title, warm.Reads, Catalog.LedgerActivationReads.Unit, null, null,
                $"{segments:N0} segments held: one read each, none past the retention"),
            FigureResult.Measured(Catalog.LedgerOldReplay.Id, Catalog.LedgerOldReplay.Title, replay.Elapsed.TotalMilliseconds, Catalog.LedgerOldReplay.Unit, null, null,
                $"{replayReads} segment read(s): the filter named the key's segment, which is not among the {SealedLedgerIndex.DefaultCachedSegments} cached newest"),
        ];
    }

    private sealed record Activation(TimeSpan Elapsed, long Reads, CpuUse? Cpu);

    private static async Task<Activation> FirstCallAsync(InProcessSilo silo, IConsumerPointerGrain pointer, string key, CpuMeter cpu)
    {
        var readsBefore = silo.Reads.Of("segment");
        var window = cpu.Start();
        var clock = Stopwatch.StartNew();
        var result = await pointer.CommitAsync(Commit(key, long.MaxValue / 2));
        clock.Stop();
        var used = window.Stop();
        if (result.Outcome != CommitOutcome.Accepted)
        {
            throw new InvalidOperationException($"the first call answered {result.Outcome} ({result.Reason}), expected Accepted");
        }

        return new Activation(clock.Elapsed, silo.Reads.Of("segment") - readsBefore, used);
    }

    private static async Task<List<LedgerSegmentRef>> FillSegmentsAsync(
        InProcessSilo silo, string fence, int segments, DateTimeOffset at, Action<string> say, CancellationToken cancellationToken)
    {
        var refs = new LedgerSegmentRef[segments];
        var written = 0;
        await Parallel.ForAsync(0, segments, new ParallelOptions { MaxDegreeOfParallelism = FillParallelism, CancellationToken = cancellationToken }, async (s, _) =>
        {
            var entries = ImmutableList.CreateRange(Enumerable.Range(s * SegmentSize, SegmentSize)
                .Select(i => new LedgerEntry(Key(i), Payload, 0, i + 1, at)));
            var id = $"{fence}/{s:D8}";
            var grainId = silo.Grains.GetGrain<ISegmentGrain<LedgerEntry>>(id).GetGrainId();
            await silo.Storage.WriteStateAsync("segment", grainId, new GrainState<SegmentState<LedgerEntry>>(new SegmentState<LedgerEntry> { Entries = entries }));
            refs[s] = new LedgerSegmentRef(id, SegmentSize, at);
            if (Interlocked.Increment(ref written) % 5_000 == 0)
            {
                say($"  {written:N0} of {segments:N0} segments written");
            }
        });
        return [.. refs];
    }

    private static async Task WriteStateAsync(InProcessSilo silo, string fence, List<LedgerSegmentRef> refs, DateTimeOffset at)
    {
        var keys = refs.Sum(r => (long)r.Count);
        var state = ConsumerPointerRules.Configure(new ConsumerPointerState(), fence, Blue, 1, Seed.Operator, at, AuditKey.DemoNotSecret).Next!;
        state = state with
        {
            SealedSegments = [.. refs],
            Offsets = state.Offsets.SetItem(0, keys),
            Counters = state.Counters with { SideEffectsAccepted = keys, LedgerKeys = keys },
        };
        var grainId = silo.Grains.GetGrain<IConsumerPointerGrain>(fence).GetGrainId();
        await silo.Storage.WriteStateAsync("consumers", grainId, new GrainState<ConsumerPointerState>(state));
    }

    private static string Key(int i) => $"doc:d{i}:r1:idx-blue:embed:{(uint)i * 2654435761u:x8}";

    private static CommitRequest Commit(string key, long offset) => new()
    {
        Partition = 0, Offset = offset, IdempotencyKey = key, PayloadHash = Payload, Token = 1, ConsumerVer = Blue,
    };
}
