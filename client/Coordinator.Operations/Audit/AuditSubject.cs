using Coordinator.Campaigns;
using Coordinator.Fences;

namespace Coordinator.Operations.Audit;

/// <summary>One audit chain that can be read, verified and have the key adopted, and the grain that keeps it.</summary>
public sealed record AuditSubject(
    string Chain,
    string Label,
    Func<Task<AuditVerification>> VerifyAsync,
    Func<Task<IReadOnlyList<AuditEntry>>> ReadAsync,
    Func<string, string, Task<AuditAdoption>> AdoptAsync)
{
    /// <summary>A region's pointer chain.</summary>
    public static AuditSubject Pointer(IGrainFactory grains, string service, string region)
    {
        var key = RegionKey.Format(service, region);
        var pointer = grains.GetGrain<ISwitchoverGrain>(key);
        return new("pointer", key, pointer.VerifyAuditAsync, pointer.GetAuditAsync, pointer.AdoptAuditKeyAsync);
    }

    /// <summary>One writer's lease chain in a region (grants, freezes, unfreezes).</summary>
    public static AuditSubject Lease(IGrainFactory grains, string service, string region, string writer)
    {
        var key = FenceKey.Format(service, region, writer);
        var lease = grains.GetGrain<ILeaseGrain>(key);
        return new("lease", $"{key} lease", lease.VerifyAuditAsync, lease.GetAuditAsync, lease.AdoptAuditKeyAsync);
    }

    /// <summary>One consumer group's pointer chain in a region (configure, pause, resume, moves, resets, ledger room).</summary>
    public static AuditSubject ConsumerPointer(IGrainFactory grains, string service, string region, string group)
    {
        var key = FenceKey.Format(service, region, group);
        var consumers = grains.GetGrain<IConsumerPointerGrain>(key);
        return new("consumer-pointer", $"{key} consumer pointer", consumers.VerifyAuditAsync, consumers.GetAuditAsync, consumers.AdoptAuditKeyAsync);
    }

    /// <summary>The service's campaign commands.</summary>
    public static AuditSubject Campaigns(IGrainFactory grains, string service)
    {
        var cutover = grains.GetGrain<ICutoverGrain>(service);
        return new("campaigns", $"{service} campaigns", cutover.VerifyAuditAsync, cutover.GetAuditAsync, cutover.AdoptAuditKeyAsync);
    }
}
