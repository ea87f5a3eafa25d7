using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>What a region freezes: resolved from region, wave and campaign fences.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.RegionFences")]
public sealed record RegionFences
{
    [Id(0)] public ImmutableList<string> Writers { get; init; } = [];
    [Id(1)] public ImmutableList<string> ConsumerGroups { get; init; } = [];
}

/// <summary>One region's place in the campaign and its checklist.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.PlannedRegion")]
public sealed record PlannedRegion
{
    /// <summary>0-based position over the whole campaign.</summary>
    [Id(0)] public required int Order { get; init; }

    /// <summary>0-based index of the wave in the spec.</summary>
    [Id(1)] public required int WaveIndex { get; init; }

    [Id(2)] public required string WaveName { get; init; }
    [Id(3)] public required string Region { get; init; }
    [Id(4)] public required ImmutableList<ChecklistStep> Steps { get; init; }
    [Id(5)] public required RegionFences Fences { get; init; }
}

[GenerateSerializer, Immutable]
[Alias("coordinator.PlannedWave")]
public sealed record PlannedWave
{
    [Id(0)] public required int Index { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required TimeSpan Hold { get; init; }

    /// <summary>An operator must approve before this wave starts (manual approval, every wave after the first).</summary>
    [Id(3)] public required bool ApprovalBefore { get; init; }

    [Id(4)] public required ImmutableList<PlannedRegion> Regions { get; init; }
}

/// <summary>What a campaign will do, wave by wave and region by region; nothing in it has happened.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.CampaignPlan")]
public sealed record CampaignPlan
{
    [Id(0)] public required string Service { get; init; }
    [Id(1)] public required string CampaignId { get; init; }

    /// <summary>The spec's <see cref="Json.CampaignSpecWriter.Fingerprint"/>.</summary>
    [Id(2)] public required string SpecFingerprint { get; init; }

    [Id(3)] public required ArmManifest Target { get; init; }
    [Id(4)] public required ImmutableList<PlannedWave> Waves { get; init; }

    /// <summary>Every region in campaign order (waves in order, regions in spec order within a wave).</summary>
    [Id(5)] public required ImmutableList<PlannedRegion> Regions { get; init; }

    /// <summary>A human-readable account of the whole plan, several lines.</summary>
    [Id(6)] public required string Summary { get; init; }
}
