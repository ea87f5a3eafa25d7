using Coordinator.Campaigns;
using Coordinator.Fences;

namespace Coordinator.Console.Commands.Audit;

/// <summary>One audit chain the console can print and verify, and the grain that keeps it.</summary>
internal sealed record AuditSubject(
    string Chain,
    string Label,
    Func<Task<AuditVerification>> VerifyAsync,
    Func<Task<IReadOnlyList<AuditEntry>>> ReadAsync)
{
    public static AuditSubject Of(IClusterClient client, AuditSettings settings)
    {
        if (settings.Campaigns)
        {
            var cutover = client.GetGrain<ICutoverGrain>(settings.Service);
            return new("campaigns", $"{settings.Service} campaigns", cutover.VerifyAuditAsync, cutover.GetAuditAsync);
        }

        var region = settings.Region!;
        if (settings.Writer is { } writer)
        {
            var lease = client.GetGrain<ILeaseGrain>(FenceKey.Format(settings.Service, region, writer));
            return new("lease", $"{FenceKey.Format(settings.Service, region, writer)} lease", lease.VerifyAuditAsync, lease.GetAuditAsync);
        }

        var pointer = client.GetGrain<ISwitchoverGrain>(RegionKey.Format(settings.Service, region));
        return new("pointer", RegionKey.Format(settings.Service, region), pointer.VerifyAuditAsync, pointer.GetAuditAsync);
    }
}
