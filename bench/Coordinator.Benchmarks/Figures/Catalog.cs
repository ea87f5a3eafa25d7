namespace Coordinator.Benchmarks.Figures;

/// <summary>The figures this benchmark reports: ids, titles, units and the targets from the brief.</summary>
internal static class Catalog
{
    public sealed record Entry(string Id, string Title, string Unit, Target? Target);

    public const int ReadCallers = 64;
    public const int ReadRegions = 16;
    public const int FlipRegions = 64;

    /// <summary>Writers renewing their own leases, and commit callers, in figures 6-8.</summary>
    public const int FenceCallers = 64;

    /// <summary>Partitions of each benchmark consumer pointer.</summary>
    public const int CommitPartitions = 16;

    /// <summary>Flipped regions a campaign holds when figure 9 aborts it.</summary>
    public const int RollbackRegions = 50;

    /// <summary>Regions of the campaign figure 10 runs start to finish.</summary>
    public const int OverheadRegions = 20;

    /// <summary>Waves of figure 10's variant (10b, 10d).</summary>
    public const int OverheadWaves = 4;

    /// <summary>Silos of figure 12's cluster, and the kills it measures.</summary>
    public const int FailoverSilos = 3;
    public const int FailoverKills = 10;

    public static readonly Entry CachedRead = new(
        "1", "Active-arm reads via SDK cache (ActiveArmResolver.GetAsync, loaded region, 1 thread)", "reads/s",
        Target.Minimum(10_000_000, ">= 10,000,000/s"));

    public static readonly Entry UncachedRead = new(
        "2", $"Uncached reads, separate client -> silo over TCP ({ReadCallers} concurrent callers)", "reads/s",
        Target.Minimum(25_000, ">= 25,000/s"));

    public static readonly Entry UncachedReadSingle = new(
        "2b", "Uncached reads over TCP, 1 caller (reference)", "reads/s", null);

    public static readonly Entry EmbeddedSequentialFlips = new(
        "3a", "Flips, embedded storage, sequential on one region", "flips/s", null);

    public static readonly Entry EmbeddedConcurrentFlips = new(
        "3b", $"Flips, embedded storage, {FlipRegions} regions concurrently", "flips/s", null);

    public static readonly Entry AzureSequentialFlips = new(
        "3c", "Flips, Azurite storage, sequential on one region", "flips/s", null);

    public static readonly Entry AzureConcurrentFlips = new(
        "3d", $"Flips, Azurite storage, {FlipRegions} regions concurrently", "flips/s", null);

    public static Entry Propagation(int resolvers) => new(
        "4", $"Flip -> SDK Changed event, {resolvers} subscribed resolvers (embedded), p99", "ms",
        Target.Maximum(50, "p99 <= 50 ms; --peer etcd: <= 0.5x etcd's watch p99 (E4b) in the same run"));

    /// <summary>Figure 4 in azure mode: the flip's durable write to Azurite is inside the figure. Judged only against etcd, in a peer run.</summary>
    public static Entry PropagationAzure(int resolvers) => new(
        "4z", $"Flip -> SDK Changed event, {resolvers} subscribed resolvers (Azurite storage), p99", "ms", null);

    public static readonly Entry GuardCheck = new(
        "5", "Lease token checks via SDK sink guard (LeaseSinkGuard.CheckAsync, cached token, 1 thread)", "checks/s",
        Target.Minimum(1_000_000, ">= 1,000,000/s"));

    public static readonly Entry EmbeddedRenewals = new(
        "6", $"Lease renewals over TCP, {FenceCallers} writers each renewing its own lease (embedded)", "renewals/s",
        Target.Minimum(10_000, ">= 10,000/s"));

    public static readonly Entry EmbeddedCommits = new(
        "7a", $"Commits over TCP, {FenceCallers} callers on one consumer pointer ({CommitPartitions} partitions, embedded)", "commits/s",
        Target.Minimum(10_000, ">= 10,000/s"));

    public static readonly Entry EmbeddedCommitsPerPointer = new(
        "7b", $"Commits over TCP, {FenceCallers} consumer pointers with one caller each (embedded; variant)", "commits/s", null);

    public static readonly Entry AzureRenewals = new(
        "8a", $"Lease renewals, {FenceCallers} writers (Azurite storage)", "renewals/s", null);

    public static readonly Entry AzureCommits = new(
        "8b", $"Commits, {FenceCallers} callers on one consumer pointer (Azurite storage)", "commits/s", null);

    public static readonly Entry AzureCommitsPerPointer = new(
        "8c", $"Commits, {FenceCallers} consumer pointers with one caller each (Azurite storage)", "commits/s", null);

    public static Entry RollbackWall(string storage, Target? target, string id) => new(
        id, $"Abort of a campaign holding {RollbackRegions} flipped regions: AbortAsync -> status RolledBack, client wall time ({storage}), p50", "ms", target);

    public static Entry RollbackOwn(string storage, Target? target, string id) => new(
        id, $"The same, the campaign's own RollbackDuration ({storage}), p50", "ms", target);

    public static Entry Overhead(string storage, int waves, Target? target, string id) => new(
        id, $"Campaign over {OverheadRegions} regions in {waves} wave(s), hold 0, instant smoke reports: StartAsync -> Completed ({storage}), p50", "ms", target);

    public static readonly Entry LedgerKeys = new(
        "11a", "Idempotency keys one consumer pointer holds (sealed-ledger index filled in-process)", "keys",
        Target.Minimum(10_000_000, ">= 10,000,000"));

    public static readonly Entry LedgerMemory = new(
        "11b", "Memory per key held (managed heap growth after a full GC / keys)", "bytes/key",
        Target.Maximum(16, "<= 16 bytes/key (160 MB at 10 M)"));

    public static readonly Entry LedgerLookup = new(
        "11c", "Ledger look-up in memory: new, recent and old keys (old ones narrowed to the segment to read), p99", "µs",
        Target.Maximum(20, "p99 <= 20 µs"));

    public static Entry LedgerActivation(int keys) => new(
        "13a", $"First call to a consumer pointer after a deactivation, holding {keys:N0} keys in sealed segments (Azurite, silo in-process)", "ms", null);

    public static readonly Entry LedgerActivationReads = new(
        "13b", "Segment reads that activation made", "reads", null);

    public static readonly Entry LedgerOldReplay = new(
        "13c", "Then a replay of a key sealed long ago (its segment read on demand)", "ms", null);

    public static readonly Entry AuditAppendUnkeyed = new(
        "14a", "Audit entries appended, unkeyed SHA-256 (in-process, 1 thread)", "appends/s", null);

    public static readonly Entry AuditAppendKeyed = new(
        "14b", "Audit entries appended, keyed HMAC-SHA256 (in-process, 1 thread)", "appends/s", null);

    public static readonly Entry AuditVerifyUnkeyed = new(
        "14c", "Verify a 10,000-entry unkeyed chain (in-process), median", "ms", null);

    public static readonly Entry AuditVerifyKeyed = new(
        "14d", "Verify a 10,000-entry keyed chain with its key (in-process), median", "ms", null);

    private static readonly Target RollbackTarget = Target.Maximum(1000, "<= 1 s");

    public static readonly Entry EmbeddedRollbackWall = RollbackWall("embedded", RollbackTarget, "9a");
    public static readonly Entry EmbeddedRollbackOwn = RollbackOwn("embedded", RollbackTarget, "9b");
    public static readonly Entry AzureRollbackWall = RollbackWall("Azurite storage", null, "9c");
    public static readonly Entry AzureRollbackOwn = RollbackOwn("Azurite storage", null, "9d");

    public static readonly Entry EmbeddedOverhead = Overhead("embedded", 1, Target.Maximum(2000, "<= 2 s"), "10a");
    public static readonly Entry EmbeddedOverheadWaves = Overhead("embedded; variant", OverheadWaves, null, "10b");
    public static readonly Entry AzureOverhead = Overhead("Azurite storage", 1, null, "10c");
    public static readonly Entry AzureOverheadWaves = Overhead("Azurite storage; variant", OverheadWaves, null, "10d");

    public static readonly Entry HttpActive = new(
        "15a", $"GET /api/v1/.../active over HTTP/1.1 keep-alive, {ReadCallers} concurrent callers (embedded silo, 1 silo)", "requests/s",
        Target.Minimum(50_100, ">= 2x etcd serializable get (25.0k/s at 64 in flight, quiet machine); --peer etcd measures both in one run"));

    public static readonly Entry HttpNotModified = new(
        "15b", $"The same with If-None-Match on the current epoch: 304 Not Modified, {ReadCallers} concurrent callers", "requests/s", null);

    public static readonly Entry SsePropagation = new(
        "15c", "Flip -> 100 Server-Sent Events subscribers (HTTP API /events, embedded), p99; beside figure 4", "ms", null);

    /// <summary>Closed-loop callers through the edge (and straight to the arm) in figures 16a-d.</summary>
    public const int EdgeCallers = 64;

    public static readonly Entry EdgeOverhead = new(
        "16a", $"Edge proxy overhead on POST /ask to a real arm: p50 added vs calling the arm directly, {EdgeCallers} callers (p50 / p99 column: via the edge)", "ms", null);

    public static readonly Entry EdgeFlipServed = new(
        "16b", $"Flip confirmed (FlipAsync returned) -> first response through the edge from the new arm at the new epoch, under {EdgeCallers} callers, p99", "ms", null);

    public static readonly Entry EdgeFlipFailures = new(
        "16c", "Requests failed through the edge across those flips: non-2xx, transport errors, an epoch lower than one the caller saw, wrong arm", "requests",
        Target.Maximum(0, "0"));

    public static readonly Entry EdgeOverheadTrivial = new(
        "16d", $"The same as 16a on GET /healthz, a trivial arm endpoint (variant: the proxy's own cost), {EdgeCallers} callers", "ms", null);

    public static readonly IReadOnlyList<Entry> EdgeFigures = [EdgeOverhead, EdgeFlipServed, EdgeFlipFailures, EdgeOverheadTrivial];

    public static readonly Entry Failover = new(
        "12", $"Failover: SIGKILL of the silo hosting a region -> first successful flip of it on a survivor ({FailoverSilos} silo processes, Azurite), p50", "ms",
        Target.Maximum(5000, "p50 <= 5 s"));
}
