using Orleans.Concurrency;

namespace Coordinator;

/// <summary>
/// Every service that has a region; one grain for the cluster, keyed <see cref="ServiceCatalog.Key"/>.
/// Services are only ever added (before their region list first holds state), so a dashboard or an
/// HTTP client can list the fleet without a scan of storage.
/// </summary>
[Alias("coordinator.IServiceCatalogGrain")]
public interface IServiceCatalogGrain : IGrainWithStringKey
{
    /// <summary>Records <paramref name="service"/>; adding a known service changes nothing.</summary>
    [Alias("AddService")]
    Task AddServiceAsync(string service);

    /// <summary>Every service recorded so far, in ordinal order.</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetServices")]
    Task<IReadOnlyList<string>> GetServicesAsync();
}

/// <summary>Names of the service catalog.</summary>
public static class ServiceCatalog
{
    /// <summary>The key of the one <see cref="IServiceCatalogGrain"/>.</summary>
    public const string Key = "services";

    /// <summary>How many services the catalog may list; bounds its state and the fleet view.</summary>
    public const int MaxServices = 4096;
}
