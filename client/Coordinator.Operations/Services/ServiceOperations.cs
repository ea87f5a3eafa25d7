namespace Coordinator.Operations.Services;

/// <summary>The fleet: every service the catalog lists, each with its regions.</summary>
public static class ServiceOperations
{
    /// <summary>Every service in ordinal order with its regions (ordinal too), as storage confirmed them.</summary>
    public static async Task<IReadOnlyList<ServiceSummary>> ListAsync(IGrainFactory grains)
    {
        var services = await grains.GetGrain<IServiceCatalogGrain>(ServiceCatalog.Key).GetServicesAsync();
        var regions = await Task.WhenAll(services.Select(s => grains.GetGrain<IServiceDirectoryGrain>(s).GetRegionsAsync()));
        return [.. services.Select((service, i) => new ServiceSummary(service, regions[i]))];
    }
}

/// <summary>One service and the regions it has pointers in.</summary>
public sealed record ServiceSummary(string Service, IReadOnlyList<string> Regions);
