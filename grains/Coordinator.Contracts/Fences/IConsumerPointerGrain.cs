using Orleans.Concurrency;

namespace Coordinator.Fences;

/// <summary>
/// Which CONSUMER_VER may consume a (service, region, consumer group), its committed offsets and its
/// idempotency ledger; key "service/region/group".
/// </summary>
[Alias("coordinator.IConsumerPointerGrain")]
public interface IConsumerPointerGrain : IGrainWithStringKey
{
    /// <summary>Creates the pointer for <paramref name="consumerVer"/> over partitions 0..partitions-1; idempotent.</summary>
    [Alias("Configure")]
    Task<ConsumerPointerStatus> ConfigureAsync(string consumerVer, int partitions, string operatorName);

    [Alias("Heartbeat")]
    Task<ConsumerDirective> HeartbeatAsync(string instanceId, string consumerVer, bool paused);

    [Alias("Commit")]
    Task<CommitResult> CommitAsync(CommitRequest request);

    /// <summary>Pauses the current version (a campaign's freeze step); idempotent per campaign.</summary>
    [Alias("Pause")]
    Task<ConsumerPointerStatus> PauseAsync(string campaignId, string operatorName);

    [Alias("Resume")]
    Task<ConsumerPointerStatus> ResumeAsync(string campaignId, string operatorName);

    /// <summary>Starts moving consumption to another CONSUMER_VER; follow it with <see cref="GetMoveAsync"/>.</summary>
    [Alias("StartMove")]
    Task<MoveStatus> StartMoveAsync(MoveRequest request);

    [ReadOnly, AlwaysInterleave]
    [Alias("GetMove")]
    Task<MoveStatus?> GetMoveAsync(string idempotencyKey);

    /// <summary>Sets a partition's offset explicitly (the only way it may go backwards); audited.</summary>
    [Alias("ResetOffset")]
    Task<ConsumerPointerStatus> ResetOffsetAsync(int partition, long offset, string operatorName, string reason);

    [ReadOnly, AlwaysInterleave]
    [Alias("GetStatus")]
    Task<ConsumerPointerStatus> GetStatusAsync();
}
