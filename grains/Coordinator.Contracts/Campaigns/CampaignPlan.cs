using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>What a region freezes: resolved from region, wave and campaign fences.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.RegionFences")]
public sealed record RegionFences
{
    /// <summary>Writer leases frozen at Freeze and reissued with Green's INDEX_HASH at Unfreeze; empty: none.</summary>
    [Id(0)] public ImmutableList<string> Writers { get; init; } = [];
    /// <summary>Consumer groups paused at Freeze and moved to Green's CONSUMER_VER at Unfreeze; empty: none.</summary>
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

    /// <summary>The wave's name, "wave-N" when the spec left it out.</summary>
    [Id(2)] public required string WaveName { get; init; }
    /// <summary>The region, as named in the spec (unique across the campaign).</summary>
    [Id(3)] public required string Region { get; init; }
    /// <summary>The checklist the region goes through, in order.</summary>
    [Id(4)] public required ImmutableList<ChecklistStep> Steps { get; init; }
    /// <summary>What the region freezes, after inheritance.</summary>
    [Id(5)] public required RegionFences Fences { get; init; }
}

/// <summary>One wave of the plan: its regions, hold and whether it waits for approval.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.PlannedWave")]
public sealed record PlannedWave
{
    /// <summary>0-based position of the wave in the spec.</summary>
    [Id(0)] public required int Index { get; init; }
    /// <summary>The wave's name, "wave-N" (1-based) when the spec left it out.</summary>
    [Id(1)] public required string Name { get; init; }
    /// <summary>How long each region of the wave holds and watches after its flip.</summary>
    [Id(2)] public required TimeSpan Hold { get; init; }

    /// <summary>An operator must approve before this wave starts (manual approval, every wave after the first).</summary>
    [Id(3)] public required bool ApprovalBefore { get; init; }

    /// <summary>The wave's regions in spec order.</summary>
    [Id(4)] public required ImmutableList<PlannedRegion> Regions { get; init; }
}

/// <summary>What a campaign will do, wave by wave and region by region; nothing in it has happened.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.CampaignPlan")]
public sealed record CampaignPlan
{
    /// <summary>The service the campaign moves.</summary>
    [Id(0)] public required string Service { get; init; }
    /// <summary>The campaign's id from the spec.</summary>
    [Id(1)] public required string CampaignId { get; init; }

    /// <summary>The spec's <c>CampaignSpecWriter.Fingerprint</c>.</summary>
    [Id(2)] public required string SpecFingerprint { get; init; }

    /// <summary>The manifest Green must carry in every region.</summary>
    [Id(3)] public required ArmManifest Target { get; init; }
    /// <summary>The waves in the order they run; a wave starts only when the one before it completed.</summary>
    [Id(4)] public required ImmutableList<PlannedWave> Waves { get; init; }

    /// <summary>Every region in campaign order (waves in order, regions in spec order within a wave).</summary>
    [Id(5)] public required ImmutableList<PlannedRegion> Regions { get; init; }

    /// <summary>A human-readable account of the whole plan, several lines.</summary>
    [Id(6)] public required string Summary { get; init; }
}
