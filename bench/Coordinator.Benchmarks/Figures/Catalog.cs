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
        Target.Maximum(50, "p99 <= 50 ms"));

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
}
