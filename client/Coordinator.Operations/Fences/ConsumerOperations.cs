using Coordinator.Fences;

namespace Coordinator.Operations.Fences;

/// <summary>Consumer pointers of one region: list, configure, heartbeat, commit, move and reset.</summary>
public static class ConsumerOperations
{
    public static IConsumerPointerGrain Pointer(IGrainFactory grains, string service, string region, string group) =>
        grains.GetGrain<IConsumerPointerGrain>(FenceKey.Format(service, region, group));

    /// <param name="groups">The groups to read; null for every group in the region's fence directory.</param>
    public static async Task<IReadOnlyList<ConsumerPointerStatus>> ListAsync(IGrainFactory grains, string service, string region, IReadOnlyList<string>? groups = null)
    {
        groups ??= (await grains.GetGrain<IFenceDirectoryGrain>(RegionKey.Format(service, region)).GetAsync()).ConsumerGroups;
        return await Task.WhenAll(groups.Select(group => Pointer(grains, service, region, group).GetStatusAsync()));
    }

    public static Task<ConsumerPointerStatus> ConfigureAsync(
        IGrainFactory grains, string service, string region, string group, string consumerVer, int partitions, string operatorName, LedgerPolicy? ledgerPolicy = null) =>
        Pointer(grains, service, region, group).ConfigureAsync(consumerVer, partitions, operatorName, ledgerPolicy);

    /// <summary>Starts a move to another CONSUMER_VER; a fresh key unless the caller pins one.</summary>
    public static Task<MoveStatus> StartMoveAsync(IGrainFactory grains, string service, string region, string group, MoveRequest request) =>
        Pointer(grains, service, region, group).StartMoveAsync(request);

    public static Task<MoveStatus?> GetMoveAsync(IGrainFactory grains, string service, string region, string group, string idempotencyKey) =>
        Pointer(grains, service, region, group).GetMoveAsync(idempotencyKey);

    /// <summary>Sets one partition's offset; returns the pointer before and after (the pointer alone decides whether it is valid).</summary>
    public static async Task<(ConsumerPointerStatus Before, ConsumerPointerStatus After)> ResetOffsetAsync(
        IGrainFactory grains, string service, string region, string group, int partition, long offset, string operatorName, string reason)
    {
        var pointer = Pointer(grains, service, region, group);
        var before = await pointer.GetStatusAsync();
        var after = await pointer.ResetOffsetAsync(partition, offset, operatorName, reason);
        return (before, after);
    }

    public static Task<ConsumerDirective> HeartbeatAsync(IGrainFactory grains, string service, string region, string group, string instanceId, string consumerVer, bool paused) =>
        Pointer(grains, service, region, group).HeartbeatAsync(instanceId, consumerVer, paused);

    public static Task<CommitResult> CommitAsync(IGrainFactory grains, string service, string region, string group, CommitRequest request) =>
        Pointer(grains, service, region, group).CommitAsync(request);
}
