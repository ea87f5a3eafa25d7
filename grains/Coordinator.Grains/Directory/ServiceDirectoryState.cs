using System.Collections.Immutable;

namespace Coordinator.Grains.Directory;

/// <summary>
/// The persisted region list of one service, kept in ordinal order. The type name is part of the
/// stored format: do not rename.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.ServiceDirectoryState")]
public sealed record ServiceDirectoryState
{
    /// <summary>How many regions one service may have; bounds the state and the status table.</summary>
    public const int MaxRegions = 256;

    [Id(0)] public ImmutableList<string> Regions { get; init; } = [];

    /// <summary>The state with <paramref name="region"/> added, or null when it is already there.</summary>
    public ServiceDirectoryState? WithRegion(string region)
    {
        var at = Regions.BinarySearch(region, StringComparer.Ordinal);
        return at >= 0 ? null : this with { Regions = Regions.Insert(~at, region) };
    }
}
