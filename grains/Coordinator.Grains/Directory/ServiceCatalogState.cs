using System.Collections.Immutable;

namespace Coordinator.Grains.Directory;

/// <summary>
/// The persisted list of services, kept in ordinal order. The type name is part of the stored format:
/// do not rename.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.ServiceCatalogState")]
public sealed record ServiceCatalogState
{
    [Id(0)] public ImmutableList<string> Services { get; init; } = [];

    /// <summary>The state with <paramref name="service"/> added, or null when it is already there.</summary>
    public ServiceCatalogState? WithService(string service)
    {
        var at = Services.BinarySearch(service, StringComparer.Ordinal);
        return at >= 0 ? null : this with { Services = Services.Insert(~at, service) };
    }
}
