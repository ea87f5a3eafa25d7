using Coordinator.Fences;

namespace Coordinator.Operations.Fences;

/// <summary>Writer leases of one region: list, acquire, renew, release and validate (for sinks that are not .NET).</summary>
public static class LeaseOperations
{
    public static ILeaseGrain Lease(IGrainFactory grains, string service, string region, string writer) =>
        grains.GetGrain<ILeaseGrain>(FenceKey.Format(service, region, writer));

    /// <param name="writers">The writers to read; null for every writer in the region's fence directory.</param>
    public static async Task<IReadOnlyList<LeaseStatus>> ListAsync(IGrainFactory grains, string service, string region, IReadOnlyList<string>? writers = null)
    {
        writers ??= (await grains.GetGrain<IFenceDirectoryGrain>(RegionKey.Format(service, region)).GetAsync()).Writers;
        return await Task.WhenAll(writers.Select(writer => Lease(grains, service, region, writer).GetStatusAsync()));
    }

    public static Task<LeaseGrant> AcquireAsync(IGrainFactory grains, string service, string region, string writer, string holderId, TimeSpan ttl) =>
        Lease(grains, service, region, writer).AcquireAsync(holderId, ttl);

    public static Task<LeaseGrant> RenewAsync(IGrainFactory grains, LeaseToken token, TimeSpan ttl) =>
        Lease(grains, token.Service, token.Region, token.Writer).RenewAsync(token, ttl);

    public static Task ReleaseAsync(IGrainFactory grains, LeaseToken token) =>
        Lease(grains, token.Service, token.Region, token.Writer).ReleaseAsync(token);

    public static Task<LeaseValidation> ValidateAsync(IGrainFactory grains, string service, string region, string writer, long fencingToken) =>
        Lease(grains, service, region, writer).ValidateAsync(fencingToken);
}
