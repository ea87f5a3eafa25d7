using System.Collections.Immutable;

namespace Coordinator.Grains.Directory;

/// <summary>
/// The persisted fence names of one (service, region), each list in ordinal order. The type name is
/// part of the stored format: do not rename.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.FenceDirectoryState")]
public sealed record FenceDirectoryState
{
    /// <summary>How many writers one region may list; bounds the state and the console's table.</summary>
    public const int MaxWriters = 512;

    /// <summary>How many consumer groups one region may list.</summary>
    public const int MaxConsumerGroups = 512;

    [Id(0)] public ImmutableList<string> Writers { get; init; } = [];

    [Id(1)] public ImmutableList<string> ConsumerGroups { get; init; } = [];

    /// <summary>The state with <paramref name="writer"/> added, or null when it is already there.</summary>
    public FenceDirectoryState? WithWriter(string writer) =>
        Insert(Writers, writer) is { } writers ? this with { Writers = writers } : null;

    /// <summary>The state with <paramref name="group"/> added, or null when it is already there.</summary>
    public FenceDirectoryState? WithConsumerGroup(string group) =>
        Insert(ConsumerGroups, group) is { } groups ? this with { ConsumerGroups = groups } : null;

    private static ImmutableList<string>? Insert(ImmutableList<string> names, string name)
    {
        var at = names.BinarySearch(name, StringComparer.Ordinal);
        return at >= 0 ? null : names.Insert(~at, name);
    }
}
