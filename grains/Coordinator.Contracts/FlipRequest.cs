namespace Coordinator;

/// <summary>A compare-and-set flip: accepted only if the region is still at <see cref="ExpectedEpoch"/>.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.FlipRequest")]
public sealed record FlipRequest
{
    /// <summary>The arm to make active; refused if it is already active or has no registered manifest.</summary>
    [Id(0)] public required Arm Target { get; init; }
    /// <summary>The epoch the caller last read; on any other epoch the flip is refused as stale and the caller should re-read and decide again.</summary>
    [Id(1)] public required long ExpectedEpoch { get; init; }
    /// <summary>Who asks, recorded in the audit chain; at most <see cref="Domain.Limits.MaxOperatorLength"/> characters.</summary>
    [Id(2)] public required string Operator { get; init; }
    /// <summary>Why, recorded in the audit chain; at most <see cref="Domain.Limits.MaxReasonLength"/> characters.</summary>
    [Id(3)] public required string Reason { get; init; }

    /// <summary>Replaying a key returns the first result and flips nothing.</summary>
    [Id(4)] public required string IdempotencyKey { get; init; }

    /// <summary>Set when a campaign flips a region it has claimed.</summary>
    [Id(5)] public string? CampaignId { get; init; }

    /// <summary>
    /// A hash of the whole request as its caller sent it (the HTTP API's body and preconditions); when
    /// set, a replayed key must carry the same hash, whatever epoch the caller read before sending it.
    /// </summary>
    [Id(6)] public string? RequestHash { get; init; }
}

/// <summary>What an accepted (or replayed) flip did.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.FlipResult")]
public sealed record FlipResult
{
    /// <summary>The arm active before the flip.</summary>
    [Id(0)] public required Arm From { get; init; }
    /// <summary>The arm active after the flip.</summary>
    [Id(1)] public required Arm To { get; init; }
    /// <summary>The region's epoch after the flip (the expected epoch + 1).</summary>
    [Id(2)] public required long Epoch { get; init; }
    /// <summary>When the flip was persisted (UTC).</summary>
    [Id(3)] public required DateTimeOffset At { get; init; }
    /// <summary>The request's key, echoed so a caller can match replies to requests.</summary>
    [Id(4)] public required string IdempotencyKey { get; init; }

    /// <summary>True when this result is the stored answer to an earlier call with the same key.</summary>
    [Id(5)] public bool Replayed { get; init; }

    /// <summary>The hash of the flip's audit entry: evidence that the flip is in the chain.</summary>
    [Id(6)] public required string AuditHash { get; init; }
}

/// <summary>The outcome of registering a manifest.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.RegisterResult")]
public sealed record RegisterResult
{
    /// <summary>The arm whose manifest was registered.</summary>
    [Id(0)] public required Arm Arm { get; init; }

    /// <summary>False when the same manifest was already registered: nothing was written.</summary>
    [Id(1)] public required bool Changed { get; init; }

    /// <summary>The region after the registration.</summary>
    [Id(2)] public required ActiveArmView View { get; init; }
}
