using Coordinator.Campaigns;
using Coordinator.Fences;

namespace Coordinator.Console.Commands.Audit;

/// <summary>One audit chain the console can print, verify and adopt the key for, and the grain that keeps it.</summary>
internal sealed record AuditSubject(
    string Chain,
    string Label,
    Func<Task<AuditVerification>> VerifyAsync,
    Func<Task<IReadOnlyList<AuditEntry>>> ReadAsync,
    Func<string, string, Task<AuditAdoption>> AdoptAsync)
{
    public static AuditSubject Of(IClusterClient client, AuditTarget target)
    {
        if (target.Campaigns)
        {
            var cutover = client.GetGrain<ICutoverGrain>(target.Service);
            return new("campaigns", $"{target.Service} campaigns", cutover.VerifyAuditAsync, cutover.GetAuditAsync, cutover.AdoptAuditKeyAsync);
        }

        var region = target.Region!;
        if (target.Writer is { } writer)
        {
            var key = FenceKey.Format(target.Service, region, writer);
            var lease = client.GetGrain<ILeaseGrain>(key);
            return new("lease", $"{key} lease", lease.VerifyAuditAsync, lease.GetAuditAsync, lease.AdoptAuditKeyAsync);
        }

        if (target.ConsumerGroup is { } group)
        {
            var key = FenceKey.Format(target.Service, region, group);
            var consumers = client.GetGrain<IConsumerPointerGrain>(key);
            return new("consumer-pointer", $"{key} consumer pointer", consumers.VerifyAuditAsync, consumers.GetAuditAsync, consumers.AdoptAuditKeyAsync);
        }

        var pointer = client.GetGrain<ISwitchoverGrain>(RegionKey.Format(target.Service, region));
        return new("pointer", RegionKey.Format(target.Service, region), pointer.VerifyAuditAsync, pointer.GetAuditAsync, pointer.AdoptAuditKeyAsync);
    }
}
