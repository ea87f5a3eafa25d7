using Coordinator.Campaigns;

namespace Coordinator.Fleet;

/// <summary>
/// What a simulated fleet saw while a campaign ran, and where every region ended. Written as JSON
/// with snake_case keys by <c>fleet --json</c> and <c>demo --json</c> (the console's CampaignJson).
/// </summary>
public sealed record FleetSummary
{
    /// <summary>True when the request traffic was simulated; false when it was real HTTP (<see cref="Http"/>). The coordinator it drove was real either way.</summary>
    public bool Simulated { get; init; } = true;

    public required string Service { get; init; }
    public required string CampaignId { get; init; }

    /// <summary>The campaign's state when the fleet stopped (completed, rolled_back, waiting_for_approval, ...).</summary>
    public required CampaignState State { get; init; }

    /// <summary>Why the campaign rolled back or waits, as the coordinator put it.</summary>
    public string? Reason { get; init; }

    /// <summary>From the stop to the last region back on Blue; null without a rollback.</summary>
    public double? RollbackSeconds { get; init; }

    /// <summary>The --inject values, canonically spelled ("ap-south:coverage=0.55").</summary>
    public required IReadOnlyList<string> Injected { get; init; }

    /// <summary>How long the fleet ran.</summary>
    public required double DurationSeconds { get; init; }

    public required FleetRequests Requests { get; init; }
    public required FleetWrites Writes { get; init; }
    public required FleetCommits Commits { get; init; }

    /// <summary>Smoke reports the fleet's simulated evaluator submitted (0 when the coordinator measured Green itself: see each region's <see cref="FleetRegionSummary.Warm"/>).</summary>
    public required long SmokeReports { get; init; }

    public required IReadOnlyList<FleetRegionSummary> Regions { get; init; }

    /// <summary>The real HTTP traffic's figures; null when the traffic was simulated.</summary>
    public FleetHttpSummary? Http { get; init; }
}

/// <summary>One region: where its pointer ended and what its simulated services saw.</summary>
public sealed record FleetRegionSummary
{
    public required string Region { get; init; }

    /// <summary>The active arm read from the pointer after the fleet stopped.</summary>
    public required Arm Arm { get; init; }

    public required long Epoch { get; init; }

    /// <summary>Flips in the region's audit chain (a cutover and its rollback are two).</summary>
    public required int Flips { get; init; }

    /// <summary>The campaign's outcome for the region (done, rolled_back, pending, in_progress); null if not in the campaign.</summary>
    public RegionOutcome? Outcome { get; init; }

    public required FleetRequests Requests { get; init; }
    public required FleetWrites Writes { get; init; }
    public required FleetCommits Commits { get; init; }

    /// <summary>What the coordinator's own evaluator measured at the region's Warm Green; null when it did not run there.</summary>
    public FleetWarm? Warm { get; init; }
}

/// <summary>Requests served, by the arm the resolver named for each.</summary>
public sealed record FleetRequests
{
    public required long Blue { get; init; }
    public required long Green { get; init; }

    /// <summary>Reads of an epoch lower than one the same loop had already read: must be 0.</summary>
    public required long LowerEpochReads { get; init; }

    /// <summary>Requests that failed because the resolver could not load (e.g. no silo answered).</summary>
    public required long Errors { get; init; }
}

/// <summary>The background writers' writes as the fenced sink judged them.</summary>
public sealed record FleetWrites
{
    public required long Accepted { get; init; }

    /// <summary>Writes attempted while the campaign held the lease frozen: the sink refused them (the writer had not yet noticed the freeze).</summary>
    public required long RejectedWhileFrozen { get; init; }

    /// <summary>Writes refused outside the window the campaign certainly held the lease frozen: around a grant, or while a rollback froze it again.</summary>
    public required long RejectedOther { get; init; }

    /// <summary>Writes the sink accepted while the campaign held the lease frozen: must be 0.</summary>
    public required long AcceptedWhileFrozen { get; init; }

    /// <summary>Times a writer held a lower fencing token than it held before: must be 0.</summary>
    public required long TokenRegressions { get; init; }

    public required long Errors { get; init; }
}

/// <summary>The queue consumers' commits as the consumer pointers answered them.</summary>
public sealed record FleetCommits
{
    public required long Accepted { get; init; }

    /// <summary>
    /// Commits the idempotency ledger recognised and did not apply again. Without errors it equals
    /// <see cref="Replayed"/>; after a silo loss it may exceed it by up to <see cref="ResentAfterError"/>.
    /// </summary>
    public required long Duplicates { get; init; }

    /// <summary>Messages the simulation deliberately delivered twice; each should come back a duplicate.</summary>
    public required long Replayed { get; init; }

    /// <summary>Commits sent again because the first attempt failed with an unknown outcome (a silo died).</summary>
    public required long ResentAfterError { get; init; }

    /// <summary>Commits refused for a stale token or a CONSUMER_VER that may not consume.</summary>
    public required long Fenced { get; init; }

    /// <summary>
    /// Commits a consumer tried with its old token after its version was moved away: each is fenced,
    /// or a duplicate if that message's commit had already been applied (a resend after an error).
    /// </summary>
    public required long ZombieCommits { get; init; }

    /// <summary>Zombie commits that were accepted: must be 0.</summary>
    public required long ZombieAccepted { get; init; }

    public required long Conflicts { get; init; }

    /// <summary>Times the pointer handed out or answered an offset below one it had accepted: must be 0.</summary>
    public required long OffsetRegressions { get; init; }

    public required long Errors { get; init; }
}

/// <summary>
/// The real HTTP traffic of a run (the demo): per region each arm's requests as its own server counted them,
/// the requests that failed, those that failed around a flip, and how long after each flip the arm it left
/// still received a request.
/// </summary>
public sealed record FleetHttpSummary
{
    /// <summary>How quality was measured on the live answers.</summary>
    public required string QualityMeasure { get; init; }

    /// <summary>Where the Warm step's numbers came from.</summary>
    public required string SmokeReports { get; init; }

    /// <summary>A failed request counts against a flip when it was in flight within this many seconds of it.</summary>
    public required double FlipWindowSeconds { get; init; }

    /// <summary>Requests that got a non-2xx answer or none.</summary>
    public required long Failed { get; init; }

    /// <summary>Failed requests in flight within <see cref="FlipWindowSeconds"/> of a flip: the target is 0.</summary>
    public required long FailedAcrossFlips { get; init; }

    /// <summary>The longest time from a flip to the last request that reached the arm it left; null without flips.</summary>
    public double? MaxOldArmAfterFlipMs { get; init; }

    /// <summary>Quality samples left out because the client's resolver had not reached the answer's epoch yet.</summary>
    public required long QualityUnattributed { get; init; }

    public required IReadOnlyList<FleetHttpRegion> Regions { get; init; }
}

/// <summary>One region's HTTP figures.</summary>
public sealed record FleetHttpRegion
{
    public required string Region { get; init; }

    public required string Edge { get; init; }

    public required FleetHttpArm Blue { get; init; }

    public required FleetHttpArm Green { get; init; }

    public required long Failed { get; init; }

    public required long FailedAcrossFlips { get; init; }

    /// <summary>Every flip in the region's audit chain, in order.</summary>
    public required IReadOnlyList<FleetHttpFlip> Flips { get; init; }
}

/// <summary>One arm server of a region.</summary>
public sealed record FleetHttpArm
{
    public required string Url { get; init; }

    /// <summary>How the arm was degraded by configuration (e.g. "drop_fraction=0.45"); null when it was not.</summary>
    public string? Degraded { get; init; }

    /// <summary><c>/ask</c> requests the arm server counted itself (health probes not included).</summary>
    public required long Asks { get; init; }

    /// <summary>Of <see cref="Asks"/>, those it answered with a 5xx.</summary>
    public required long Asks5xx { get; init; }

    /// <summary>Answers the traffic client received naming this arm (x-coordinator-arm).</summary>
    public required long ClientAnswers { get; init; }

    /// <summary>Answers the client measured quality on.</summary>
    public required long QualitySamples { get; init; }

    public required double CoverageMean { get; init; }

    public required double DeltaSMean { get; init; }

    /// <summary>Share of λ samples that flipped (divergent or chaotic).</summary>
    public required double LambdaFlipRate { get; init; }
}

/// <summary>One flip seen at the arms.</summary>
public sealed record FleetHttpFlip
{
    public required long Epoch { get; init; }

    public required Arm To { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>Failed requests in flight within the flip window.</summary>
    public required long Failed { get; init; }

    /// <summary>
    /// From the flip to the last request that reached the arm it left (routed at an earlier epoch), as that
    /// arm's server timed its arrival; negative when the last one arrived before the flip was stored; null when
    /// it never served before this flip.
    /// </summary>
    public double? OldArmLastRequestMs { get; init; }
}
