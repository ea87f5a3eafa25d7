namespace Coordinator;

/// <summary>What kind of refusal a <see cref="CoordinatorException"/> is; stable for scripts and exit codes.</summary>
[GenerateSerializer]
[Alias("coordinator.ErrorCode")]
public enum CoordinatorErrorCode
{
    /// <summary>A field was missing or out of range; <see cref="InvalidInputException.Errors"/> names each one. Fix the input; retrying the same call fails again.</summary>
    InvalidInput = 1,
    /// <summary>The region's epoch moved since the caller read it; re-read the region and decide again.</summary>
    StaleEpoch = 2,
    /// <summary>The flip target has no manifest; register one first.</summary>
    ArmNotRegistered = 3,
    /// <summary>The flip target is already active: there is nothing to flip.</summary>
    ArmAlreadyActive = 4,
    /// <summary>A running campaign owns the region; use the campaign's commands instead of manual flips.</summary>
    RegionClaimed = 5,
    /// <summary>The active arm's manifest cannot be replaced while it serves traffic.</summary>
    ActiveManifestLocked = 6,
    /// <summary>The idempotency key was already used for a different request; use a new key.</summary>
    IdempotencyKeyConflict = 7,
    /// <summary>The command does not fit the current state (e.g. approving a campaign that is not waiting); re-read the state.</summary>
    Conflict = 8,
    /// <summary>A lease or consumer pointer was not frozen by the campaign that tried to unfreeze it.</summary>
    FenceNotOwned = 9,
    /// <summary>A commit would move a partition's offset backwards; only an audited reset may do that.</summary>
    OffsetRegression = 10,
    /// <summary>A consumer pointer is already moving to another CONSUMER_VER; wait for that move to finish.</summary>
    MoveInProgress = 11,
    /// <summary>The consumer pointer was never configured; configure it with a CONSUMER_VER first.</summary>
    NotConfigured = 12,
    /// <summary>The service already has a running campaign; finish, abort or roll it back first.</summary>
    CampaignRunning = 13,

    /// <summary>Storage did not confirm a write (it may or may not have been applied), or did not answer a read a command needed (nothing was applied).</summary>
    StorageUnavailable = 14,
}

/// <summary>One bad field and why it was refused.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.FieldError")]
public sealed record FieldError([property: Id(0)] string Field, [property: Id(1)] string Reason)
{
    /// <summary>"field: reason", the form shown to operators.</summary>
    public override string ToString() => $"{Field}: {Reason}";
}

/// <summary>A command the coordinator refused. Nothing was changed.</summary>
[GenerateSerializer]
[Alias("coordinator.CoordinatorException")]
public class CoordinatorException : Exception
{
    /// <summary>A refusal of kind <paramref name="code"/>; <paramref name="message"/> says what to do about it.</summary>
    public CoordinatorException(CoordinatorErrorCode code, string message)
        : base(message) => Code = code;

    /// <summary>The kind of refusal: branch on this, not on the message.</summary>
    [Id(0)] public CoordinatorErrorCode Code { get; private set; }
}

/// <summary>The input was invalid; every bad field is listed, not only the first.</summary>
[GenerateSerializer]
[Alias("coordinator.InvalidInputException")]
public sealed class InvalidInputException : CoordinatorException
{
    /// <summary>Refuses with all of <paramref name="errors"/>.</summary>
    public InvalidInputException(IReadOnlyList<FieldError> errors)
        : base(CoordinatorErrorCode.InvalidInput, "invalid input: " + string.Join("; ", errors)) => Errors = errors;

    /// <summary>Refuses with one bad field.</summary>
    public InvalidInputException(string field, string reason)
        : this([new FieldError(field, reason)])
    {
    }

    /// <summary>Every bad field with its reason, by JSON path or parameter name.</summary>
    [Id(0)] public IReadOnlyList<FieldError> Errors { get; private set; }
}

/// <summary>A compare-and-set flip named an epoch the region has moved past (<see cref="CoordinatorErrorCode.StaleEpoch"/>).</summary>
[GenerateSerializer]
[Alias("coordinator.StaleEpochException")]
public sealed class StaleEpochException : CoordinatorException
{
    /// <paramref name="region"/> is at <paramref name="actual"/>, not <paramref name="expected"/>.
    public StaleEpochException(string region, long expected, long actual)
        : base(CoordinatorErrorCode.StaleEpoch, $"stale epoch for {region}: expected {expected}, the region is at {actual}; re-read and decide again")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The epoch the caller expected.</summary>
    [Id(0)] public long Expected { get; private set; }
    /// <summary>The region's epoch now; a retry should read the region again rather than reuse this blindly.</summary>
    [Id(1)] public long Actual { get; private set; }
}

/// <summary>A flip to an arm without a manifest (<see cref="CoordinatorErrorCode.ArmNotRegistered"/>).</summary>
[GenerateSerializer]
[Alias("coordinator.ArmNotRegisteredException")]
public sealed class ArmNotRegisteredException : CoordinatorException
{
    /// <paramref name="arm"/> has no manifest in <paramref name="region"/>.
    public ArmNotRegisteredException(string region, Arm arm)
        : base(CoordinatorErrorCode.ArmNotRegistered, $"{arm.ToWire()} has no registered manifest in {region}; register it first") => Arm = arm;

    /// <summary>The arm the refused command named.</summary>
    [Id(0)] public Arm Arm { get; private set; }
}

/// <summary>A flip to the arm that is already active (<see cref="CoordinatorErrorCode.ArmAlreadyActive"/>).</summary>
[GenerateSerializer]
[Alias("coordinator.ArmAlreadyActiveException")]
public sealed class ArmAlreadyActiveException : CoordinatorException
{
    /// <paramref name="arm"/> is already active in <paramref name="region"/> at <paramref name="epoch"/>.
    public ArmAlreadyActiveException(string region, Arm arm, long epoch)
        : base(CoordinatorErrorCode.ArmAlreadyActive, $"{arm.ToWire()} is already active in {region} (epoch {epoch})") => Arm = arm;

    /// <summary>The arm the refused command named.</summary>
    [Id(0)] public Arm Arm { get; private set; }
}

/// <summary>A manual command on a region a running campaign owns (<see cref="CoordinatorErrorCode.RegionClaimed"/>).</summary>
[GenerateSerializer]
[Alias("coordinator.RegionClaimedException")]
public sealed class RegionClaimedException : CoordinatorException
{
    /// <paramref name="region"/> is claimed by <paramref name="campaignId"/>.
    public RegionClaimedException(string region, string campaignId)
        : base(CoordinatorErrorCode.RegionClaimed, $"{region} is owned by running campaign '{campaignId}'; use the campaign's commands") => CampaignId = campaignId;

    /// <summary>The campaign that owns the region.</summary>
    [Id(0)] public string CampaignId { get; private set; }
}

/// <summary>Replacing the active arm's manifest (<see cref="CoordinatorErrorCode.ActiveManifestLocked"/>).</summary>
[GenerateSerializer]
[Alias("coordinator.ActiveManifestLockedException")]
public sealed class ActiveManifestLockedException : CoordinatorException
{
    /// <paramref name="arm"/> serves <paramref name="region"/>, so its manifest is locked.
    public ActiveManifestLockedException(string region, Arm arm)
        : base(CoordinatorErrorCode.ActiveManifestLocked, $"{arm.ToWire()} is the active arm in {region}; its manifest cannot be replaced while it serves traffic") => Arm = arm;

    /// <summary>The arm the refused command named.</summary>
    [Id(0)] public Arm Arm { get; private set; }
}

/// <summary>A reused idempotency key with a different request (<see cref="CoordinatorErrorCode.IdempotencyKeyConflict"/>).</summary>
[GenerateSerializer]
[Alias("coordinator.IdempotencyKeyConflictException")]
public sealed class IdempotencyKeyConflictException : CoordinatorException
{
    /// <paramref name="key"/> was first used for a different request.
    public IdempotencyKeyConflictException(string key)
        : base(CoordinatorErrorCode.IdempotencyKeyConflict, $"idempotency key '{key}' was already used for a different request") => Key = key;

    /// <summary>The reused key; retry the new request under a fresh key.</summary>
    [Id(0)] public string Key { get; private set; }
}

/// <summary>Unfreezing a fence another campaign froze, or one not frozen (<see cref="CoordinatorErrorCode.FenceNotOwned"/>).</summary>
[GenerateSerializer]
[Alias("coordinator.FenceNotOwnedException")]
public sealed class FenceNotOwnedException : CoordinatorException
{
    /// <paramref name="campaignId"/> tried to unfreeze <paramref name="fence"/>, frozen by <paramref name="owner"/> (null: not frozen).
    public FenceNotOwnedException(string fence, string campaignId, string? owner)
        : base(CoordinatorErrorCode.FenceNotOwned, owner is null
            ? $"{fence} is not frozen by campaign '{campaignId}'; only the campaign that froze it may unfreeze it"
            : $"{fence} is frozen by campaign '{owner}', not '{campaignId}'")
    {
        CampaignId = campaignId;
        Owner = owner;
    }

    /// <summary>The campaign that tried to unfreeze.</summary>
    [Id(0)] public string CampaignId { get; private set; }
    /// <summary>The campaign that froze the fence; null when it is not frozen.</summary>
    [Id(1)] public string? Owner { get; private set; }
}

/// <summary>
/// Storage did not confirm a write (it failed or timed out). The change may or may not have been
/// applied; readers still see the state before it. Re-read, then retry with the same idempotency key.
/// Or (<see cref="NotRead"/>) storage did not answer a read the command needed first: nothing was applied.
/// </summary>
[GenerateSerializer]
[Alias("coordinator.StorageUnavailableException")]
public sealed class StorageUnavailableException : CoordinatorException
{
    /// <summary>Names what was being written and how the write ended (the exception's type name, never its stack).</summary>
    public StorageUnavailableException(string what, string cause)
        : base(CoordinatorErrorCode.StorageUnavailable,
            $"storage did not confirm the write to {what} ({cause}): outcome unknown; re-read, then retry with the same idempotency key")
    {
    }

    private StorageUnavailableException(string message)
        : base(CoordinatorErrorCode.StorageUnavailable, message)
    {
    }

    /// <summary>
    /// Storage did not answer a read the command needed before deciding (e.g. a sealed ledger segment, or
    /// the stored lease a validation is checked against): nothing was decided or applied; retry.
    /// </summary>
    /// <param name="what">What was being read.</param>
    /// <param name="cause">How the read ended (the exception's type name, never its stack).</param>
    public static StorageUnavailableException NotRead(string what, string cause) =>
        new($"storage did not answer a read of {what} ({cause}): not applied; retry (with the same idempotency key if it had one)");
}
