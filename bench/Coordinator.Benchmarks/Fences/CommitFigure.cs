using Coordinator.Benchmarks.Figures;
using Coordinator.Benchmarks.Measure;
using Coordinator.Fences;

namespace Coordinator.Benchmarks.Fences;

/// <summary>
/// Figures 7 and 8b-c: side-effect commits through consumer pointers. The realistic shape: one
/// pointer (one consumer group in one region) and <see cref="Catalog.FenceCallers"/> concurrent
/// callers sharing one FencedConsumer's token, each commit with a unique idempotency key and the
/// next offset of its partition. The variant: as many pointers, one caller each, so no commit can
/// share a state write with another. At the end each pointer's ledger counters are read back and
/// must account for every call.
/// </summary>
internal static class CommitFigure
{
    public static async Task<IReadOnlyList<FigureResult>> RunAsync(
        IClusterClient client, string storage, Catalog.Entry shared, Catalog.Entry perPointer, LoadShape shape, CpuMeter cpu)
    {
        var callers = Catalog.FenceCallers;
        var one = await CommitTarget.SetUpAsync(client, $"{storage}-commit-000", "orders", Catalog.CommitPartitions);
        var oneLoad = await ClosedLoop.RunAsync(
            callers, shape.Warmup, shape.Window, _ => one.CommitAsync(), cpu, shape.Rounds, settleLimit: shape.SettleLimit);
        var oneResult = await ReportAsync(shared, storage, oneLoad, [one],
            $"one pointer, {callers} callers sharing one FencedConsumer's token; concurrent commits are decided in order and persisted together (group commit)");

        var many = await Task.WhenAll(Enumerable.Range(0, callers)
            .Select(i => CommitTarget.SetUpAsync(client, $"{storage}-commit-001", $"orders-{i:D3}", Catalog.CommitPartitions)));
        var manyLoad = await ClosedLoop.RunAsync(
            callers, shape.Warmup, shape.Window, i => many[i].CommitAsync(), cpu, shape.Rounds, settleLimit: shape.SettleLimit);
        var manyResult = await ReportAsync(perPointer, storage, manyLoad, many,
            $"{callers} pointers, one caller each: every commit is a state write of its own");
        return [oneResult, manyResult];
    }

    private static async Task<FigureResult> ReportAsync(Catalog.Entry entry, string storage, LoadResult load, IReadOnlyList<CommitTarget> targets, string shape)
    {
        var statuses = await Task.WhenAll(targets.Select(t => t.Pointer.GetStatusAsync()));
        var calls = targets.Sum(t => t.Calls);
        var counters = statuses.Select(s => s.Counters).ToList();
        var accepted = counters.Sum(c => c.SideEffectsAccepted);
        var duplicates = counters.Sum(c => c.DedupeHits);
        var fenced = counters.Sum(c => c.FencedAttempts);
        var conflicts = counters.Sum(c => c.Conflicts);
        var ledgerKeys = counters.Sum(c => c.LedgerKeys);
        var evictions = counters.Sum(c => c.LedgerEvictions);
        var offsetsMatch = targets.Zip(statuses).Count(pair =>
            pair.First.Offsets.Select((offset, partition) => pair.Second.Offsets.GetValueOrDefault(partition) == offset).All(same => same));
        var consistent = accepted == calls && duplicates == 0 && fenced == 0 && conflicts == 0 && offsetsMatch == targets.Count;

        var storageNote = storage == "az" ? " (Azurite's own CPU counts under other processes)" : string.Empty;
        var result = FigureResult.Measured(entry.Id, entry.Title, load.PerSecond, entry.Unit, entry.Target, load.Latency,
            $"{load.Describe()}; commit latency {load.Latency}",
            $"{load.Cpu}{storageNote}",
            shape,
            $"ledger counters at the end: accepted {accepted:N0} of {calls:N0} calls (warm-up included){(accepted == calls ? "" : " MISMATCH")}, " +
            $"duplicates {duplicates:N0}, fenced {fenced:N0}, conflicts {conflicts:N0}; ledger keys {ledgerKeys:N0}, evictions {evictions:N0}",
            $"committed offsets equal the highest offset sent on every partition of {offsetsMatch} of {targets.Count} pointer(s)",
            "each call derives its idempotency key (sha256 of source, revision, INDEX_HASH, action) and a payload hash on the client");
        return consistent ? result : result with { Verdict = Verdict.Error };
    }
}
