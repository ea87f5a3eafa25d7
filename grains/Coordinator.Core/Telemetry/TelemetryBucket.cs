using System.Collections.Immutable;
using Coordinator.Campaigns;

namespace Coordinator.Telemetry;

/// <summary>
/// One time bucket of an arm's telemetry as persisted: the sum as a batch (exact: counts, sums and
/// mergeable histograms) and a second version set if the bucket saw two. Buckets with the same index
/// add up, so a bucket may be persisted in parts (a late batch after its minute was sealed).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.TelemetryBucket")]
public sealed record TelemetryBucket(
    [property: Id(0)] long Index,
    [property: Id(1)] TelemetryBatch Sum,
    [property: Id(2)] PinnedVersions? OtherVersions);

/// <summary>A sealed minute (or more) of buckets kept in a segment of its own, by the index range it holds.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.TelemetrySegmentRef")]
public sealed record TelemetrySegmentRef(
    [property: Id(0)] string Id,
    [property: Id(1)] long FirstIndex,
    [property: Id(2)] long LastIndex);

/// <summary>
/// An arm's telemetry as persisted: recent buckets not yet sealed, and the sealed segments. Hold
/// evidence survives the loss of the grain's silo up to the last checkpoint (a couple of seconds).
/// The type name is part of the stored format: do not rename.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.TelemetryState")]
public sealed record TelemetryState
{
    [Id(0)] public ImmutableList<TelemetryBucket> Open { get; init; } = [];

    [Id(1)] public ImmutableList<TelemetrySegmentRef> Sealed { get; init; } = [];
}
