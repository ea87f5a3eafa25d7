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

    /// <summary>
    /// Renews by fencing token alone, for callers that keep only the number (the lease decides on the
    /// token, nothing else): the current holder's token when it carries that number; otherwise the lease
    /// answers why not (stale, expired, frozen) without changing anything.
    /// </summary>
    public static async Task<LeaseGrant> RenewByTokenAsync(IGrainFactory grains, string service, string region, string writer, long fencingToken, TimeSpan ttl)
    {
        var lease = Lease(grains, service, region, writer);
        return await lease.RenewAsync(await TokenOfAsync(lease, service, region, writer, fencingToken), ttl);
    }

    /// <summary>Releases by fencing token alone; false when that token no longer holds the lease (nothing changes).</summary>
    public static async Task<bool> ReleaseByTokenAsync(IGrainFactory grains, string service, string region, string writer, long fencingToken)
    {
        var lease = Lease(grains, service, region, writer);
        var status = await lease.GetStatusAsync();
        if (status.Holder?.FencingToken != fencingToken)
        {
            return false;
        }

        await lease.ReleaseAsync(status.Holder);
        return true;
    }

    private static async Task<LeaseToken> TokenOfAsync(ILeaseGrain lease, string service, string region, string writer, long fencingToken)
    {
        var status = await lease.GetStatusAsync();
        return status.Holder is { } holder && holder.FencingToken == fencingToken
            ? holder
            : new LeaseToken
            {
                Service = service, Region = region, Writer = writer, HolderId = "-", FencingToken = fencingToken,
                Epoch = 0, IndexHash = "-", GrantedAt = DateTimeOffset.MinValue, ExpiresAt = DateTimeOffset.MinValue,
            };
    }

    public static Task<LeaseValidation> ValidateAsync(IGrainFactory grains, string service, string region, string writer, long fencingToken) =>
        Lease(grains, service, region, writer).ValidateAsync(fencingToken);
}
