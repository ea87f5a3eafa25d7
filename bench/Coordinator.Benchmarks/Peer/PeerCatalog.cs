using Coordinator.Benchmarks.Figures;

namespace Coordinator.Benchmarks.Peer;

/// <summary>The etcd figures of the peer run (ids E...), and the product figures only the peer run measures.</summary>
internal static class PeerCatalog
{
    public static readonly Catalog.Entry EtcdRead = new(
        "E2", $"etcd: serializable get of one key per region, {Catalog.ReadCallers} in flight", "reads/s", null);

    public static readonly Catalog.Entry EtcdFlip = new(
        "E3", "etcd: compare-and-set txn on the key's mod revision, sequential", "flips/s", null);

    public static Catalog.Entry EtcdWatchOneClient(int watchers) => new(
        "E4a", $"etcd: put -> {watchers} watches on 1 client, p99", "ms", null);

    public static Catalog.Entry EtcdWatchManyClients(int watchers) => new(
        "E4b", $"etcd: put -> {watchers} watches on {watchers} clients, p99", "ms", null);

    public static readonly Catalog.Entry EtcdIdleRoundTrip = new(
        "E4r", "etcd: serializable get after a 0-100 ms pause (the floor under E4), p99", "ms", null);

    public static readonly Catalog.Entry EtcdLeaseAcquire = new(
        "E6a", $"etcd: lease grant + put, {Catalog.FenceCallers} in flight", "acquires/s", null);

    public static readonly Catalog.Entry EtcdKeepAlive = new(
        "E6b", $"etcd: lease keep-alive, {Catalog.FenceCallers} writers on their own streams", "renewals/s", null);

    public static readonly Catalog.Entry EtcdFenceCheck = new(
        "E5", $"etcd: txn comparing the fencing key, {Catalog.FenceCallers} in flight", "checks/s", null);

    public static readonly Catalog.Entry EtcdCommit = new(
        "E7", $"etcd: fenced txn recording an idempotency key and the offset, {Catalog.FenceCallers} callers", "commits/s", null);

    /// <summary>Figure 4 on a single Orleans client (the peer run's counterpart of E4a).</summary>
    public static Catalog.Entry PropagationOneClient(int resolvers) => new(
        "4p", $"Flip -> SDK Changed event, {resolvers} subscribed resolvers on 1 Orleans client (embedded), p99", "ms", null);

    /// <summary>The floor under figure 4: a grain read over TCP after the same pause (the peer run's counterpart of E4r).</summary>
    public static readonly Catalog.Entry IdleRoundTrip = new(
        "4r", "Active-arm read over TCP after a 0-100 ms pause (the floor under figure 4), p99", "ms", null);

    public static readonly Catalog.Entry EmbeddedAcquire = new(
        "6p", $"Lease acquire over TCP, {Catalog.FenceCallers} in flight, each on a free lease (embedded)", "acquires/s", null);

    public static readonly Catalog.Entry AzureAcquire = new(
        "8p", $"Lease acquire, {Catalog.FenceCallers} in flight, each on a free lease (Azurite storage)", "acquires/s", null);
}
