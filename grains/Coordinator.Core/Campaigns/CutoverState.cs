using System.Collections.Immutable;
using Coordinator.Campaigns;
using Coordinator.Domain;
using Coordinator.Notifications;

namespace Coordinator.Campaigns;

/// <summary>A service's campaigns as persisted. The type name is part of the stored format: do not rename.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.CutoverState")]
public sealed record CutoverState : IAudited<CutoverState>
{
    [Id(0)] public CampaignSpec? Spec { get; init; }
    [Id(1)] public CampaignStatus? Current { get; init; }

    /// <summary>The latest smoke report per region of the current campaign, with when it arrived.</summary>
    [Id(2)] public ImmutableSortedDictionary<string, ReceivedSmokeReport> SmokeReports { get; init; } = ImmutableSortedDictionary<string, ReceivedSmokeReport>.Empty;

    /// <summary>What the campaign waits for while WaitingForApproval: a region's gate, or (null) the next wave.</summary>
    [Id(3)] public string? ApprovalFor { get; init; }

    /// <summary>Earlier campaigns of this service, newest last, bounded.</summary>
    [Id(4)] public ImmutableList<CampaignStatus> Finished { get; init; } = [];

    /// <summary>The newest campaign commands of this service (start, approve, pause, resume, abort, rollback), keyed; ticks are not commands. Older ones are sealed into <see cref="AuditSegments"/>.</summary>
    [Id(5)] public ImmutableList<AuditEntry> Audit { get; init; } = [];

    /// <summary>Head hash and count of <see cref="Audit"/>, kept apart so a truncated chain is detected.</summary>
    [Id(6)] public string AuditHead { get; init; } = AuditChain.Genesis;
    [Id(7)] public long AuditCount { get; init; }

    /// <summary>Sealed blocks of the audit chain, oldest first; with <see cref="Audit"/> they are the whole chain.</summary>
    [Id(8)] public ImmutableList<AuditSegmentRef> AuditSegments { get; init; } = [];

    /// <summary>
    /// The W3C trace context of <see cref="Current"/>'s root span (its start): the campaign's later spans are
    /// its children, whichever activation or silo records them. Null for campaigns started before it was kept.
    /// </summary>
    [Id(9)] public string? TraceParent { get; init; }

    /// <summary>
    /// The newest campaign notifications, oldest first, at most <see cref="Coordinator.Notifications.NotificationOutbox.Capacity"/>:
    /// written in the same save as the change that produced them, so no crash after a save loses one.
    /// Only <see cref="Coordinator.Notifications.NotificationOutbox.Record"/> changes it.
    /// </summary>
    [Id(10)] public ImmutableList<CampaignNotification> Notifications { get; init; } = [];

    /// <summary>The newest notification sequence ever assigned; never goes back, even when entries are evicted.</summary>
    [Id(11)] public long NotificationSequence { get; init; }

    /// <inheritdoc/>
    public AuditTrail AuditTrail => new() { Tail = Audit, Head = AuditHead, Count = AuditCount, Segments = AuditSegments };

    /// <inheritdoc/>
    public CutoverState WithAuditTrail(AuditTrail trail)
    {
        ArgumentNullException.ThrowIfNull(trail);
        return this with { Audit = trail.Tail, AuditHead = trail.Head, AuditCount = trail.Count, AuditSegments = trail.Segments };
    }

    /// <summary>A short text of the current campaign, for audit before/after.</summary>
    public string Describe() => Current is not { } c
        ? "campaign=-"
        : $"campaign={c.CampaignId};state={c.State};wave={c.CurrentWave}/{c.WaveCount};version={c.Version}";
}

[GenerateSerializer, Immutable]
[Alias("coordinator.ReceivedSmokeReport")]
public sealed record ReceivedSmokeReport([property: Id(0)] SmokeReport Report, [property: Id(1)] DateTimeOffset ReceivedAt);
