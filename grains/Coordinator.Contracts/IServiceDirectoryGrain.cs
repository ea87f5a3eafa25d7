using Orleans.Concurrency;

namespace Coordinator;

/// <summary>
/// The regions a service has pointers in; key = the service name. Regions are only ever added, so
/// a console or a campaign can list what exists without a scan of storage.
/// </summary>
[Alias("coordinator.IServiceDirectoryGrain")]
public interface IServiceDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Records <paramref name="region"/> for this service; adding a known region changes nothing.</summary>
    [Alias("AddRegion")]
    Task AddRegionAsync(string region);

    /// <summary>The service's regions in ordinal order.</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetRegions")]
    Task<IReadOnlyList<string>> GetRegionsAsync();
}
