using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>What a <see cref="CampaignEvent"/> reports; followers and the console pick their lines by it.</summary>
[GenerateSerializer]
[Alias("coordinator.CampaignEventKind")]
public enum CampaignEventKind
{
    /// <summary>The campaign was accepted and its plan persisted.</summary>
    Started = 0,
    /// <summary>A wave's regions began their checklists.</summary>
    WaveStarted = 1,

    /// <summary>A region finished one checklist step; the message is the step's result.</summary>
    StepFinished = 2,

    /// <summary>A warm or hold gate gave a new verdict; the event carries the gate with its numbers.</summary>
    GateJudged = 3,
    /// <summary>The hold ended inconclusive and was extended once, by its own length.</summary>
    HoldExtended = 4,
    /// <summary>A region finished Unfreeze: it serves Green with writers and consumers moved.</summary>
    RegionDone = 5,
    /// <summary>A region is back on Blue with its writers and consumers.</summary>
    RegionRolledBack = 6,
    /// <summary>The campaign stopped for an operator: before a wave, or after an inconclusive extended hold.</summary>
    WaitingForApproval = 7,
    /// <summary>An operator approved; the message names the approver and the reason.</summary>
    Approved = 8,
    /// <summary>An operator paused the campaign; no step advances.</summary>
    Paused = 9,
    /// <summary>An operator resumed a paused campaign.</summary>
    Resumed = 10,
    /// <summary>A stop rule fired, a step failed or an operator aborted: every touched region goes back to Blue.</summary>
    RollingBack = 11,
    /// <summary>Every region finished its checklist.</summary>
    Completed = 12,
    /// <summary>The rollback finished: every touched region is on Blue again.</summary>
    RolledBack = 13,
    /// <summary>A region began its checklist (its Freeze step).</summary>
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
    /// <summary>What happened.</summary>
    [Id(0)] public required CampaignEventKind Kind { get; init; }
    /// <summary>The region it happened in; null for campaign-wide events.</summary>
    [Id(1)] public string? Region { get; init; }
    /// <summary>The checklist step it concerns; null when it concerns none.</summary>
    [Id(2)] public ChecklistStep? Step { get; init; }
    /// <summary>One line for operators, with names and numbers.</summary>
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
    /// <summary>The service (and stream key) the campaign runs for.</summary>
    [Id(0)] public required string Service { get; init; }
    /// <summary>The campaign that changed.</summary>
    [Id(1)] public required string CampaignId { get; init; }

    /// <summary>The status version this change produced.</summary>
    [Id(2)] public required long Version { get; init; }

    /// <summary>The version it replaced (0 for a start); a follower that last saw an older one missed something.</summary>
    [Id(3)] public required long PreviousVersion { get; init; }
    /// <summary>When the change was persisted.</summary>
    [Id(4)] public required DateTimeOffset At { get; init; }

    /// <summary>The campaign's state after the change.</summary>
    [Id(5)] public required CampaignState State { get; init; }
    /// <summary>What the change did, in order; may be empty for a change with nothing to report.</summary>
    [Id(6)] public required ImmutableList<CampaignEvent> Events { get; init; }
}

/// <summary>Names shared by the CutoverGrain, which publishes campaign changes, and their followers.</summary>
public static class CampaignEventStream
{
    /// <summary>One stream per service (the CutoverGrain's key), on the coordinator's stream provider.</summary>
    public const string Namespace = "coordinator.campaign.events";
}
