using System.Collections.Immutable;
using Coordinator.Domain;

namespace Coordinator.Switchover;

/// <summary>
/// The persisted state of one region's pointer. Immutable so a failed write can never leave a
/// half-applied decision in memory. The type name is part of the stored format: do not rename.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.SwitchoverState")]
public sealed record SwitchoverState : IAudited<SwitchoverState>
{
    [Id(0)] public Arm ActiveArm { get; init; } = Arm.Blue;
    [Id(1)] public long Epoch { get; init; }
    [Id(2)] public ArmManifest? Blue { get; init; }
    [Id(3)] public ArmManifest? Green { get; init; }
    [Id(4)] public string? OwnerCampaign { get; init; }
    [Id(5)] public DateTimeOffset? LastFlipAt { get; init; }
    /// <summary>The newest audit entries; older ones are sealed into <see cref="AuditSegments"/>.</summary>
    [Id(6)] public ImmutableList<AuditEntry> Audit { get; init; } = [];

    /// <summary>Head hash and count of <see cref="Audit"/>, kept apart so a truncated chain is detected.</summary>
    [Id(7)] public string AuditHead { get; init; } = AuditChain.Genesis;
    [Id(8)] public long AuditCount { get; init; }

    /// <summary>The most recent flips by idempotency key, oldest first, bounded.</summary>
    [Id(9)] public ImmutableList<FlipRecord> RecentFlips { get; init; } = [];

    /// <summary>Sealed blocks of the audit chain, oldest first; with <see cref="Audit"/> they are the whole chain.</summary>
    [Id(10)] public ImmutableList<AuditSegmentRef> AuditSegments { get; init; } = [];

    /// <inheritdoc/>
    public AuditTrail AuditTrail => new() { Tail = Audit, Head = AuditHead, Count = AuditCount, Segments = AuditSegments };

    /// <inheritdoc/>
    public SwitchoverState WithAuditTrail(AuditTrail trail)
    {
        ArgumentNullException.ThrowIfNull(trail);
        return this with { Audit = trail.Tail, AuditHead = trail.Head, AuditCount = trail.Count, AuditSegments = trail.Segments };
    }

    public ArmManifest? ManifestOf(Arm arm) => arm == Arm.Blue ? Blue : Green;

    public SwitchoverState WithManifest(Arm arm, ArmManifest manifest) =>
        arm == Arm.Blue ? this with { Blue = manifest } : this with { Green = manifest };

    /// <summary>A short text of what the pointer holds, for audit before/after.</summary>
    public string Describe() =>
        $"active={ActiveArm.ToWire()};epoch={Epoch};owner={OwnerCampaign ?? "-"};"
        + $"blue={Blue?.IndexHash ?? "-"};green={Green?.IndexHash ?? "-"}";
}

/// <summary>The stored answer to a flip, found again by its idempotency key.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.FlipRecord")]
public sealed record FlipRecord(
    [property: Id(0)] string Key,
    [property: Id(1)] string RequestFingerprint,
    [property: Id(2)] FlipResult Result);
