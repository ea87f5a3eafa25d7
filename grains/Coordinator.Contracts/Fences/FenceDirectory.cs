using System.Collections.Immutable;

namespace Coordinator.Fences;

/// <summary>The writers and consumer groups that have fences in one (service, region), in ordinal order.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.FenceDirectory")]
public sealed record FenceDirectory
{
    /// <summary>Writers whose lease was ever acquired here.</summary>
    [Id(0)] public ImmutableList<string> Writers { get; init; } = [];

    /// <summary>Consumer groups whose pointer was ever configured here.</summary>
    [Id(1)] public ImmutableList<string> ConsumerGroups { get; init; } = [];
}
