using Coordinator.Campaigns;

namespace Coordinator.Fleet;

/// <summary>
/// What a simulated fleet saw while a campaign ran, and where every region ended. Written as JSON
/// with snake_case keys by <c>fleet --json</c> and <c>demo --json</c> (the console's CampaignJson).
/// </summary>
public sealed record FleetSummary
{
    /// <summary>Always true: the traffic was simulated (the coordinator it drove was real).</summary>
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

    /// <summary>Smoke reports the evaluator submitted.</summary>
    public required long SmokeReports { get; init; }

    public required IReadOnlyList<FleetRegionSummary> Regions { get; init; }
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
