using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>The seed's per-region checklist, in order.</summary>
[GenerateSerializer]
[Alias("coordinator.ChecklistStep")]
public enum ChecklistStep
{
    /// <summary>Freeze the region's writer leases and pause its consumer groups; claim the region.</summary>
    Freeze = 0,

    /// <summary>Green's registered manifest equals the target, field by field.</summary>
    VerifyInvariants = 1,

    /// <summary>A smoke report on Green passes the Warm gate before the deadline.</summary>
    WarmGreen = 2,

    /// <summary>Capture Blue's baseline window, then compare-and-set the pointer to Green.</summary>
    Flip = 3,

    /// <summary>Judge live Green windows against the stop rules and Blue's baseline for the hold.</summary>
    HoldAndWatch = 4,

    /// <summary>Reissue leases with Green's INDEX_HASH; move consumer groups to Green's CONSUMER_VER.</summary>
    Unfreeze = 5,
}

/// <summary>The checklist in order and its wire names.</summary>
public static class ChecklistSteps
{
    /// <summary>Every step, in the order a region goes through them.</summary>
    public static readonly ImmutableList<ChecklistStep> All =
    [
        ChecklistStep.Freeze,
        ChecklistStep.VerifyInvariants,
        ChecklistStep.WarmGreen,
        ChecklistStep.Flip,
        ChecklistStep.HoldAndWatch,
        ChecklistStep.Unfreeze,
    ];

    /// <summary>"freeze", "verify-invariants", "warm-green", "flip", "hold-and-watch", "unfreeze".</summary>
    public static string ToWire(this ChecklistStep step) => step switch
    {
        ChecklistStep.Freeze => "freeze",
        ChecklistStep.VerifyInvariants => "verify-invariants",
        ChecklistStep.WarmGreen => "warm-green",
        ChecklistStep.Flip => "flip",
        ChecklistStep.HoldAndWatch => "hold-and-watch",
        ChecklistStep.Unfreeze => "unfreeze",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "not a checklist step"),
    };
}
