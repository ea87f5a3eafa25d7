using System.Collections.Immutable;

namespace Coordinator.Campaigns;

[GenerateSerializer]
[Alias("coordinator.CampaignEventKind")]
public enum CampaignEventKind
{
    Started = 0,
    WaveStarted = 1,

    /// <summary>A region finished one checklist step; the message is the step's result.</summary>
    StepFinished = 2,

    /// <summary>A warm or hold gate gave a new verdict; the event carries the gate with its numbers.</summary>
    GateJudged = 3,
    HoldExtended = 4,
    RegionDone = 5,
    RegionRolledBack = 6,
    WaitingForApproval = 7,
    Approved = 8,
    Paused = 9,
    Resumed = 10,
    RollingBack = 11,
    Completed = 12,
    RolledBack = 13,
    RegionStarted = 14,

    /// <summary>A persisted change that none of the other kinds describes.</summary>
    Updated = 15,

    /// <summary>The rollback stopped for an operator; the message names the regions and what failed.</summary>
    RollbackBlocked = 16,
}

/// <summary>Something that happened to a campaign in one persisted change.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.CampaignEvent")]
public sealed record CampaignEvent
{
    [Id(0)] public required CampaignEventKind Kind { get; init; }
    [Id(1)] public string? Region { get; init; }
    [Id(2)] public ChecklistStep? Step { get; init; }
    [Id(3)] public required string Message { get; init; }

    /// <summary>For <see cref="CampaignEventKind.GateJudged"/>: the gate with every metric's numbers.</summary>
    [Id(4)] public GateResult? Gate { get; init; }
}

/// <summary>
/// One persisted change of a campaign and the events it made, published on the service's campaign
/// stream after the write. Every change of the status yields one. The stream is best effort (a
/// subscriber may miss some while reconnecting): <see cref="PreviousVersion"/> lets it notice a gap
/// and re-read the status, which is always the truth.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.CampaignChange")]
public sealed record CampaignChange
{
    [Id(0)] public required string Service { get; init; }
    [Id(1)] public required string CampaignId { get; init; }

    /// <summary>The status version this change produced.</summary>
    [Id(2)] public required long Version { get; init; }

    /// <summary>The version it replaced (0 for a start); a follower that last saw an older one missed something.</summary>
    [Id(3)] public required long PreviousVersion { get; init; }
    [Id(4)] public required DateTimeOffset At { get; init; }

    /// <summary>The campaign's state after the change.</summary>
    [Id(5)] public required CampaignState State { get; init; }
    [Id(6)] public required ImmutableList<CampaignEvent> Events { get; init; }
}

/// <summary>Names shared by the CutoverGrain, which publishes campaign changes, and their followers.</summary>
public static class CampaignEventStream
{
    /// <summary>One stream per service (the CutoverGrain's key), on the coordinator's stream provider.</summary>
    public const string Namespace = "coordinator.campaign.events";
}
