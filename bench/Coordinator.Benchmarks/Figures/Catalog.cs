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

    public static Entry Overhead(string storage, int waves, Target? target, string id, int regions = OverheadRegions) => new(
        id, $"Campaign over {regions} regions in {waves} wave(s), hold 0, instant smoke reports: StartAsync -> Completed ({storage}), p50", "ms", target);

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

    /// <summary>Seeds and concurrency of the evaluator figures 17a-d (the spec's defaults).</summary>
    public static readonly int[] EvaluatorSeeds = [1, 2];

    public const int EvaluatorConcurrency = 4;

    public static readonly Entry EvaluatorWall = new(
        "17a", $"Warm evaluator over the shipped gold set (items x 3 paraphrases x {EvaluatorSeeds.Length} seeds, after a warm-up pass) against a real Green arm server in this process, MiniLM on the CPU, concurrency {EvaluatorConcurrency}: wall time, median run", "s", null);

    public static readonly Entry EvaluatorCalls = new(
        "17b", "Calls to the arm per run, as the arm server counted them (measured + warm-up)", "calls", null);

    public static readonly Entry EvaluatorEmbeddings = new(
        "17c", "Embeddings per second of the default model (all-MiniLM-L6-v2, 384 dimensions, CPU, batches of 32) in those runs, median run", "texts/s", null);

    public static readonly Entry EvaluatorMargin = new(
        "17d", "ΔS p95 margin of the demo's Green build against the seed's gate: 0.45 - ΔS(question, retrieved) p95 over the shipped gold set", "ΔS",
        Target.Minimum(0, ">= 0 (a good Green passes max_delta_s 0.45)"));

    public static readonly IReadOnlyList<Entry> EvaluatorFigures = [EvaluatorWall, EvaluatorCalls, EvaluatorEmbeddings, EvaluatorMargin];

    public static readonly Entry Failover = new(
        "12", $"Failover: SIGKILL of the silo hosting a region -> first successful flip of it on a survivor ({FailoverSilos} silo processes, Azurite), p50", "ms",
        Target.Maximum(5000, "p50 <= 5 s"));

    /// <summary>Regions per service of figures 18a-d (the 500 services x 20 regions).</summary>
    public const int ScaleRegionsPerService = 20;

    /// <summary>Calls in flight while figures 18a and 18e register pointers and subscribe regions.</summary>
    public const int ScaleInFlight = 64;

    /// <summary>Waves of figure 18h's campaign.</summary>
    public const int ScaleWaves = 5;

    public static Entry ScaleRegistration(int pointers, string storage, string id = "18a") => new(
        id, $"Registration of Blue and Green (ISwitchoverGrain over TCP, {ScaleInFlight} in flight) up to {pointers:N0} pointers ({pointers / ScaleRegionsPerService:N0} services x {ScaleRegionsPerService} regions; {storage}), last step", "pointers/s", null);

    public static Entry ScaleMemory(string storage, string id = "18b") => new(
        id, $"Managed heap per idle pointer activation: growth over a step after a full GC / pointers added (the whole process: silo, its storage and the client; {storage}), last step", "bytes/pointer", null);

    public static Entry ScaleCold(int sample, string storage, string id = "18c") => new(
        id, $"Cold activation: first GetActiveArmAsync of a pointer after its deactivation ({sample} sampled among all registered, one at a time; {storage}), last step, p50", "ms", null);

    public static Entry ScaleIdle(string storage, string id = "18d") => new(
        id, $"Idle pointers: CPU of the process (silo and clients; {storage}) over a window with no calls, as long as a pointer's stored-state re-read period, last step", "cores", null);

    public static Entry ScaleResolverSubscribe(int regions) => new(
        "18e", $"One ActiveArmResolver subscribing to {regions:N0} regions: first GetAsync of each ({ScaleInFlight} in flight), wall time", "ms", null);

    public static readonly Entry ScaleResolverMemory = new(
        "18f", "Managed heap per resolver region: growth after a full GC / regions subscribed (the whole process: resolver, its client and the silo's stream subscriptions)", "bytes/region", null);

    public static Entry ScaleResolverFlip(int regions) => new(
        "18g", $"Flip -> Changed on that one resolver holding {regions:N0} subscribed regions, p99", "ms", null);

    public static Entry ScaleCampaign(int regions, int pointers) => Overhead($"embedded, beside {pointers:N0} active pointers", ScaleWaves, null, "18h", regions);

    public static IReadOnlyList<Entry> ScaleFigures(BenchProfile profile) =>
    [
        ScaleRegistration(profile.ScaleSteps[^1], EmbeddedInProcess), ScaleMemory(EmbeddedInProcess), ScaleCold(profile.ScaleColdSample, EmbeddedInProcess), ScaleIdle(EmbeddedInProcess),
        ScaleResolverSubscribe(profile.ScaleResolverRegions), ScaleResolverMemory, ScaleResolverFlip(profile.ScaleResolverRegions),
        ScaleCampaign(profile.ScaleCampaignRegions, profile.ScaleSteps[^1]),
    ];

    /// <summary>Figures 18a-d again on Azurite storage (18i-l, group scale-azure): the cold activation reads a blob.</summary>
    public static IReadOnlyList<Entry> ScaleAzureFigures(BenchProfile profile) =>
    [
        ScaleRegistration(profile.ScaleSteps[^1], AzureInProcess, "18i"), ScaleMemory(AzureInProcess, "18j"),
        ScaleCold(profile.ScaleColdSample, AzureInProcess, "18k"), ScaleIdle(AzureInProcess, "18l"),
    ];

    public const string AzureInProcess = "Azurite storage, silo in-process";

    /// <summary>Where figures 18a-h run: one silo with in-memory storage in the benchmark's own process.</summary>
    public const string EmbeddedInProcess = "embedded, silo in-process";
}
