namespace Coordinator;

/// <summary>A compare-and-set flip: accepted only if the region is still at <see cref="ExpectedEpoch"/>.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.FlipRequest")]
public sealed record FlipRequest
{
    [Id(0)] public required Arm Target { get; init; }
    [Id(1)] public required long ExpectedEpoch { get; init; }
    [Id(2)] public required string Operator { get; init; }
    [Id(3)] public required string Reason { get; init; }

    /// <summary>Replaying a key returns the first result and flips nothing.</summary>
    [Id(4)] public required string IdempotencyKey { get; init; }

    /// <summary>Set when a campaign flips a region it has claimed.</summary>
    [Id(5)] public string? CampaignId { get; init; }
}

[GenerateSerializer, Immutable]
[Alias("coordinator.FlipResult")]
public sealed record FlipResult
{
    [Id(0)] public required Arm From { get; init; }
    [Id(1)] public required Arm To { get; init; }
    [Id(2)] public required long Epoch { get; init; }
    [Id(3)] public required DateTimeOffset At { get; init; }
    [Id(4)] public required string IdempotencyKey { get; init; }

    /// <summary>True when this result is the stored answer to an earlier call with the same key.</summary>
    [Id(5)] public bool Replayed { get; init; }

    [Id(6)] public required string AuditHash { get; init; }
}

/// <summary>The outcome of registering a manifest.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.RegisterResult")]
public sealed record RegisterResult
{
    [Id(0)] public required Arm Arm { get; init; }

    /// <summary>False when the same manifest was already registered: nothing was written.</summary>
    [Id(1)] public required bool Changed { get; init; }

    [Id(2)] public required ActiveArmView View { get; init; }
}
