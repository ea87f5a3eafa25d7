namespace Coordinator.Campaigns;

/// <summary>What Hold and watch does next; see <see cref="HoldDecision"/>.</summary>
[GenerateSerializer]
[Alias("coordinator.HoldDecisionKind")]
public enum HoldDecisionKind
{
    /// <summary>The hold is still running: keep watching.</summary>
    Continue = 0,

    /// <summary>The hold is over and Green passed: go on to Unfreeze.</summary>
    Passed = 1,

    /// <summary>The hold ended inconclusive: extend it once, by its own length.</summary>
    ExtendOnce = 2,

    /// <summary>The extended hold ended inconclusive too: an operator decides.</summary>
    WaitForOperator = 3,

    /// <summary>A gate failed during the hold: stop the campaign and roll back.</summary>
    Rollback = 4,
}

/// <summary>What to do next in Hold and watch, and why.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.HoldDecision")]
public sealed record HoldDecision
{
    /// <summary>Continue, pass, extend once, wait for an operator, or roll back.</summary>
    [Id(0)] public required HoldDecisionKind Kind { get; init; }
    /// <summary>Why, in words and numbers, for the campaign's event log.</summary>
    [Id(1)] public required string Reason { get; init; }

    /// <summary>When the hold ends (after an extension, the extended end; on ExtendOnce, the new end).</summary>
    [Id(2)] public required DateTimeOffset HoldEndsAt { get; init; }

    /// <summary>The gate result the decision rests on, if any.</summary>
    [Id(3)] public GateResult? Evidence { get; init; }
}
