using Coordinator.Campaigns;
using Coordinator.Fences;

namespace Coordinator.Operations.Audit;

/// <summary>One audit chain that can be read and verified, and the grain that keeps it.</summary>
public sealed record AuditSubject(
    string Chain,
    string Label,
    Func<Task<AuditVerification>> VerifyAsync,
    Func<Task<IReadOnlyList<AuditEntry>>> ReadAsync)
{
    /// <summary>A region's pointer chain.</summary>
    public static AuditSubject Pointer(IGrainFactory grains, string service, string region)
    {
        var key = RegionKey.Format(service, region);
        var pointer = grains.GetGrain<ISwitchoverGrain>(key);
        return new("pointer", key, pointer.VerifyAuditAsync, pointer.GetAuditAsync);
    }

    /// <summary>One writer's lease chain in a region (grants, freezes, unfreezes).</summary>
    public static AuditSubject Lease(IGrainFactory grains, string service, string region, string writer)
    {
        var key = FenceKey.Format(service, region, writer);
        var lease = grains.GetGrain<ILeaseGrain>(key);
        return new("lease", $"{key} lease", lease.VerifyAuditAsync, lease.GetAuditAsync);
    }

    /// <summary>The service's campaign commands.</summary>
    public static AuditSubject Campaigns(IGrainFactory grains, string service)
    {
        var cutover = grains.GetGrain<ICutoverGrain>(service);
        return new("campaigns", $"{service} campaigns", cutover.VerifyAuditAsync, cutover.GetAuditAsync);
    }
}
