using System.Collections.Immutable;
using Coordinator.Campaigns;

namespace Coordinator.Campaigns;

/// <summary>A service's campaigns as persisted. The type name is part of the stored format: do not rename.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.CutoverState")]
public sealed record CutoverState
{
    [Id(0)] public CampaignSpec? Spec { get; init; }
    [Id(1)] public CampaignStatus? Current { get; init; }

    /// <summary>The latest smoke report per region of the current campaign, with when it arrived.</summary>
    [Id(2)] public ImmutableSortedDictionary<string, ReceivedSmokeReport> SmokeReports { get; init; } = ImmutableSortedDictionary<string, ReceivedSmokeReport>.Empty;

    /// <summary>What the campaign waits for while WaitingForApproval: a region's gate, or (null) the next wave.</summary>
    [Id(3)] public string? ApprovalFor { get; init; }

    /// <summary>Earlier campaigns of this service, newest last, bounded.</summary>
    [Id(4)] public ImmutableList<CampaignStatus> Finished { get; init; } = [];
}

[GenerateSerializer, Immutable]
[Alias("coordinator.ReceivedSmokeReport")]
public sealed record ReceivedSmokeReport([property: Id(0)] SmokeReport Report, [property: Id(1)] DateTimeOffset ReceivedAt);
