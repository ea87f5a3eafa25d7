using System.Diagnostics;
using Coordinator.Benchmarks.Measure;
using Coordinator.Domain;

namespace Coordinator.Benchmarks.Figures;

/// <summary>
/// Figures 14a-d, in-process: what keying the audit chains costs. Appends chain entries shaped like a
/// flip's (unkeyed SHA-256, then HMAC-SHA256 under a 32-byte key) for a fixed time, and verifies a chain
/// of <see cref="ChainLength"/> entries of each kind in alternating rounds, so both meet the same load
/// from the rest of the machine (the median is reported, the fastest noted).
/// </summary>
internal static class AuditFigure
{
    public const int ChainLength = 10_000;
    private const int VerifyRounds = 21;
    private static readonly DateTimeOffset At = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<FigureResult> Run(BenchProfile profile, Action<string> say)
    {
        var key = AuditKey.TryParse(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), out _)!;
        var cpu = new CpuMeter([("benchmark", Environment.ProcessId)]);
        var window = profile.Window;

        // Warm both paths first so neither figure pays for the JIT.
        Appends(null, TimeSpan.FromMilliseconds(300), cpu);
        Appends(key, TimeSpan.FromMilliseconds(300), cpu);
        var unkeyed = Appends(null, window, cpu);
        var keyed = Appends(key, window, cpu);
        say($"  appends: unkeyed {unkeyed.Rate:N0}/s, keyed {keyed.Rate:N0}/s");

        var unkeyedChain = Chain(null, ChainLength);
        var keyedChain = Chain(key, ChainLength);
        var (verifyUnkeyed, verifyKeyed) = Verify(unkeyedChain, keyedChain, key, cpu);
        say($"  verify {ChainLength:N0}: unkeyed {verifyUnkeyed.Median.TotalMilliseconds:0.0} ms, keyed {verifyKeyed.Median.TotalMilliseconds:0.0} ms");

        return
        [
            FigureResult.Measured(Catalog.AuditAppendUnkeyed.Id, Catalog.AuditAppendUnkeyed.Title, unkeyed.Rate, Catalog.AuditAppendUnkeyed.Unit, null, null,
                $"{unkeyed.Count:N0} entries in {window.TotalSeconds:0.#} s, one thread", $"{unkeyed.Cpu}"),
            FigureResult.Measured(Catalog.AuditAppendKeyed.Id, Catalog.AuditAppendKeyed.Title, keyed.Rate, Catalog.AuditAppendKeyed.Unit, null, null,
                $"{keyed.Count:N0} entries in {window.TotalSeconds:0.#} s, one thread; {keyed.Rate / unkeyed.Rate:P0} of the unkeyed rate", $"{keyed.Cpu}"),
            FigureResult.Measured(Catalog.AuditVerifyUnkeyed.Id, Catalog.AuditVerifyUnkeyed.Title, verifyUnkeyed.Median.TotalMilliseconds, Catalog.AuditVerifyUnkeyed.Unit, null, null,
                $"median of {VerifyRounds} (fastest {verifyUnkeyed.Fastest.TotalMilliseconds:0.0} ms); every hash, link and sequence checked; valid: {verifyUnkeyed.Valid}",
                $"both chains, rounds alternating: {verifyUnkeyed.Cpu}"),
            FigureResult.Measured(Catalog.AuditVerifyKeyed.Id, Catalog.AuditVerifyKeyed.Title, verifyKeyed.Median.TotalMilliseconds, Catalog.AuditVerifyKeyed.Unit, null, null,
                $"median of {VerifyRounds} (fastest {verifyKeyed.Fastest.TotalMilliseconds:0.0} ms), with the key; valid: {verifyKeyed.Valid}; {verifyKeyed.Median / verifyUnkeyed.Median:0.0#}x the unkeyed median"),
        ];
    }

    private sealed record AppendRun(long Count, double Rate, CpuUse? Cpu);

    private sealed record VerifyRun(TimeSpan Median, TimeSpan Fastest, bool Valid, CpuUse? Cpu);

    private static AppendRun Appends(AuditKey? key, TimeSpan window, CpuMeter cpu)
    {
        var previous = AuditChain.Genesis;
        long sequence = 0;
        var meter = cpu.Start();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < window)
        {
            var entry = Next(key, sequence, previous);
            previous = entry.Hash;
            sequence = entry.Sequence;
        }

        clock.Stop();
        return new AppendRun(sequence, sequence / clock.Elapsed.TotalSeconds, meter.Stop());
    }

    private static List<AuditEntry> Chain(AuditKey? key, int length)
    {
        var chain = new List<AuditEntry>(length);
        var previous = AuditChain.Genesis;
        for (var i = 0; i < length; i++)
        {
            var entry = Next(key, i, previous);
            chain.Add(entry);
            previous = entry.Hash;
        }

        return chain;
    }

    private static (VerifyRun Unkeyed, VerifyRun Keyed) Verify(List<AuditEntry> unkeyedChain, List<AuditEntry> keyedChain, AuditKey key, CpuMeter cpu)
    {
        var unkeyed = new List<TimeSpan>(VerifyRounds);
        var keyed = new List<TimeSpan>(VerifyRounds);
        bool unkeyedValid = true, keyedValid = true;
        var meter = cpu.Start();
        for (var round = 0; round < VerifyRounds; round++)
        {
            unkeyedValid &= Time(unkeyedChain, null, unkeyed);
            keyedValid &= Time(keyedChain, key, keyed);
        }

        var used = meter.Stop();
        return (Summary(unkeyed, unkeyedValid, used), Summary(keyed, keyedValid, used));
    }

    private static bool Time(List<AuditEntry> chain, AuditKey? key, List<TimeSpan> into)
    {
        var clock = Stopwatch.StartNew();
        var verdict = AuditChain.Verify(chain, key, chain[^1].Hash, chain.Count);
        into.Add(clock.Elapsed);
        return verdict.IsValid;
    }

    private static VerifyRun Summary(List<TimeSpan> times, bool valid, CpuUse? cpu)
    {
        times.Sort();
        return new VerifyRun(times[times.Count / 2], times[0], valid, cpu);
    }

    // Shaped like a flip's entry: fields of the lengths a real pointer writes.
    private static AuditEntry Next(AuditKey? key, long sequence, string previous)
    {
        var at = At.AddMilliseconds(sequence);
        const string detail = "to=green;epoch=12;key=2f6c1a0e9b7d4c3e8a5f1b2d3c4e5f60;reason=new index rolled out by the campaign";
        const string before = "arm=blue;epoch=11;blue=idx-2026-11-01;green=idx-2026-11-29";
        const string after = "arm=green;epoch=12;blue=idx-2026-11-01;green=idx-2026-11-29";
        return key is null
            ? AuditChain.Append(sequence, previous, at, "alice", "flip", detail, before, after)
            : AuditChain.Append(key, sequence, previous, at, "alice", "flip", detail, before, after);
    }
}
