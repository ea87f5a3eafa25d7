using System.Diagnostics;
using Coordinator.Benchmarks.Figures;
using Coordinator.Benchmarks.Measure;
using Coordinator.Consumers;

namespace Coordinator.Benchmarks.Fences;

/// <summary>
/// Figures 11a-c, in-process: fill one pointer's sealed-ledger index as the grain does after each
/// seal (segments of 256 keys shaped like <c>IdempotencyKeys.Derive</c>'s), then time look-ups. The
/// index keeps fingerprints of every key and the entries of the 64 newest segments; a look-up of an
/// older key ends at the filter naming its segment, which the grain then reads from storage (not timed here).
/// </summary>
internal static class LedgerFigure
{
    private const int SegmentSize = 256;

    public static IReadOnlyList<FigureResult> Run(BenchProfile profile, Action<string> say)
    {
        var keys = profile.Name == BenchProfile.Quick.Name ? 1_000_000 : ConsumerPointerOptions.DefaultLedgerMaxEntries;
        var at = DateTimeOffset.UnixEpoch;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = new SealedLedgerIndex();
        var fill = Stopwatch.StartNew();
        for (var segment = 0; segment * SegmentSize < keys; segment++)
        {
            var entries = new LedgerEntry[SegmentSize];
            for (var i = 0; i < SegmentSize; i++)
            {
                entries[i] = new LedgerEntry(Key((segment * SegmentSize) + i), "sha256:p", 0, (segment * SegmentSize) + i, at);
            }

            index.Add($"orders/eu-west/consumers/{segment:D8}", entries);
        }

        fill.Stop();
        var bytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        say($"  filled {index.KeyCount:N0} keys in {fill.Elapsed.TotalSeconds:0.0} s; filter {index.FilterBytes / 1e6:0.0} MB, managed heap +{bytes / 1e6:0.0} MB");

        var (latency, heldFound, heldNamed, newAnswered, extraReads) = LookUps(index, keys);
        GC.KeepAlive(index);
        var bytesPerKey = (double)bytes / index.KeyCount;
        return
        [
            FigureResult.Measured(Catalog.LedgerKeys.Id, Catalog.LedgerKeys.Title, index.KeyCount, Catalog.LedgerKeys.Unit, Catalog.LedgerKeys.Target, null,
                $"{index.SegmentCount:N0} sealed segments of {SegmentSize}; filled in {fill.Elapsed.TotalSeconds:0.0} s"),
            FigureResult.Measured(Catalog.LedgerMemory.Id, Catalog.LedgerMemory.Title, bytesPerKey, Catalog.LedgerMemory.Unit, Catalog.LedgerMemory.Target, null,
                $"managed heap +{bytes / 1e6:0.0} MB after a full GC, of which the fingerprint table {index.FilterBytes / 1e6:0.0} MB; the rest is the 64 cached segments and the segment ids"),
            FigureResult.Measured(Catalog.LedgerLookup.Id, Catalog.LedgerLookup.Title, latency.P99Ms * 1000, Catalog.LedgerLookup.Unit, Catalog.LedgerLookup.Target, latency,
                $"{heldFound:N0} recent keys found in memory, {heldNamed:N0} older keys narrowed to the segment to read (+{extraReads:N0} second segments from shared fingerprints), {newAnswered:N0} of {latency.Count / 2:N0} new keys answered 'not seen' without a read"),
        ];
    }

    private static string Key(int i) => $"doc:d{i}:r1:idx-blue:embed:{(uint)i * 2654435761u:x8}";

    /// <summary>Half new keys (the common commit), a quarter recent keys, a quarter keys anywhere in the ledger.</summary>
    private static (LatencySummary Latency, int HeldFound, int HeldNamed, int NewAnswered, int ExtraReads) LookUps(SealedLedgerIndex index, int keys)
    {
        const int Samples = 200_000;
        var random = new Random(20261130);
        var ticks = new long[Samples];
        int heldFound = 0, heldNamed = 0, newAnswered = 0, extraReads = 0;
        for (var s = 0; s < Samples; s++)
        {
            var kind = s % 4;
            var key = kind switch
            {
                0 or 1 => $"doc:new{s}:r1:idx-blue:embed:{s:x8}",
                2 => Key(keys - 1 - random.Next(SealedLedgerIndex.DefaultCachedSegments * SegmentSize)),
                _ => Key(random.Next(keys)),
            };

            var start = Stopwatch.GetTimestamp();
            var missing = index.Missing(key);
            var entry = missing.Count == 0 ? index.Find(key) : null;
            ticks[s] = Stopwatch.GetTimestamp() - start;

            if (kind < 2)
            {
                newAnswered += missing.Count == 0 && entry is null ? 1 : 0;
            }
            else if (entry is not null)
            {
                heldFound++;
            }
            else if (missing.Count > 0)
            {
                // Two keys sharing a 32-bit fingerprint (about 1 in 400 at 10 M keys) name two segments to read.
                heldNamed++;
                extraReads += missing.Count - 1;
            }
            else
            {
                throw new InvalidOperationException($"held key '{key}' was neither found nor named a segment to read");
            }
        }

        return (LatencySummary.FromTicks(ticks), heldFound, heldNamed, newAnswered, extraReads);
    }
}
