namespace Coordinator;

/// <summary>What kind of refusal a <see cref="CoordinatorException"/> is; stable for scripts and exit codes.</summary>
[GenerateSerializer]
[Alias("coordinator.ErrorCode")]
public enum CoordinatorErrorCode
{
    InvalidInput = 1,
    StaleEpoch = 2,
    ArmNotRegistered = 3,
    ArmAlreadyActive = 4,
    RegionClaimed = 5,
    ActiveManifestLocked = 6,
    IdempotencyKeyConflict = 7,
    Conflict = 8,
    FenceNotOwned = 9,
    OffsetRegression = 10,
    MoveInProgress = 11,
    NotConfigured = 12,
    CampaignRunning = 13,

    /// <summary>Storage did not confirm a write: it may or may not have been applied.</summary>
    StorageUnavailable = 14,
}

/// <summary>One bad field and why it was refused.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.FieldError")]
public sealed record FieldError([property: Id(0)] string Field, [property: Id(1)] string Reason)
{
    public override string ToString() => $"{Field}: {Reason}";
}

/// <summary>A command the coordinator refused. Nothing was changed.</summary>
[GenerateSerializer]
[Alias("coordinator.CoordinatorException")]
public class CoordinatorException : Exception
{
    public CoordinatorException(CoordinatorErrorCode code, string message)
        : base(message) => Code = code;

    [Id(0)] public CoordinatorErrorCode Code { get; private set; }
}

[GenerateSerializer]
[Alias("coordinator.InvalidInputException")]
public sealed class InvalidInputException : CoordinatorException
{
    public InvalidInputException(IReadOnlyList<FieldError> errors)
        : base(CoordinatorErrorCode.InvalidInput, "invalid input: " + string.Join("; ", errors)) => Errors = errors;

    public InvalidInputException(string field, string reason)
        : this([new FieldError(field, reason)])
    {
    }

    [Id(0)] public IReadOnlyList<FieldError> Errors { get; private set; }
}

[GenerateSerializer]
[Alias("coordinator.StaleEpochException")]
public sealed class StaleEpochException : CoordinatorException
{
    public StaleEpochException(string region, long expected, long actual)
        : base(CoordinatorErrorCode.StaleEpoch, $"stale epoch for {region}: expected {expected}, the region is at {actual}; re-read and decide again")
    {
        Expected = expected;
        Actual = actual;
    }

    [Id(0)] public long Expected { get; private set; }
    [Id(1)] public long Actual { get; private set; }
}

[GenerateSerializer]
[Alias("coordinator.ArmNotRegisteredException")]
public sealed class ArmNotRegisteredException : CoordinatorException
{
    public ArmNotRegisteredException(string region, Arm arm)
        : base(CoordinatorErrorCode.ArmNotRegistered, $"{arm.ToWire()} has no registered manifest in {region}; register it first") => Arm = arm;

    [Id(0)] public Arm Arm { get; private set; }
}

[GenerateSerializer]
[Alias("coordinator.ArmAlreadyActiveException")]
public sealed class ArmAlreadyActiveException : CoordinatorException
{
    public ArmAlreadyActiveException(string region, Arm arm, long epoch)
        : base(CoordinatorErrorCode.ArmAlreadyActive, $"{arm.ToWire()} is already active in {region} (epoch {epoch})") => Arm = arm;

    [Id(0)] public Arm Arm { get; private set; }
}

[GenerateSerializer]
[Alias("coordinator.RegionClaimedException")]
public sealed class RegionClaimedException : CoordinatorException
{
    public RegionClaimedException(string region, string campaignId)
        : base(CoordinatorErrorCode.RegionClaimed, $"{region} is owned by running campaign '{campaignId}'; use the campaign's commands") => CampaignId = campaignId;

    [Id(0)] public string CampaignId { get; private set; }
}

[GenerateSerializer]
[Alias("coordinator.ActiveManifestLockedException")]
public sealed class ActiveManifestLockedException : CoordinatorException
{
    public ActiveManifestLockedException(string region, Arm arm)
        : base(CoordinatorErrorCode.ActiveManifestLocked, $"{arm.ToWire()} is the active arm in {region}; its manifest cannot be replaced while it serves traffic") => Arm = arm;

    [Id(0)] public Arm Arm { get; private set; }
}

[GenerateSerializer]
[Alias("coordinator.IdempotencyKeyConflictException")]
public sealed class IdempotencyKeyConflictException : CoordinatorException
{
    public IdempotencyKeyConflictException(string key)
        : base(CoordinatorErrorCode.IdempotencyKeyConflict, $"idempotency key '{key}' was already used for a different request") => Key = key;

    [Id(0)] public string Key { get; private set; }
}

[GenerateSerializer]
[Alias("coordinator.FenceNotOwnedException")]
public sealed class FenceNotOwnedException : CoordinatorException
{
    public FenceNotOwnedException(string fence, string campaignId, string? owner)
        : base(CoordinatorErrorCode.FenceNotOwned, owner is null
            ? $"{fence} is not frozen by campaign '{campaignId}'; only the campaign that froze it may unfreeze it"
            : $"{fence} is frozen by campaign '{owner}', not '{campaignId}'")
    {
        CampaignId = campaignId;
        Owner = owner;
    }

    [Id(0)] public string CampaignId { get; private set; }
    [Id(1)] public string? Owner { get; private set; }
}

/// <summary>
/// Storage did not confirm a write (it failed or timed out). The change may or may not have been
/// applied; readers still see the state before it. Re-read, then retry with the same idempotency key.
/// </summary>
[GenerateSerializer]
[Alias("coordinator.StorageUnavailableException")]
public sealed class StorageUnavailableException : CoordinatorException
{
    public StorageUnavailableException(string what, string cause)
        : base(CoordinatorErrorCode.StorageUnavailable,
            $"storage did not confirm the write to {what} ({cause}): outcome unknown; re-read, then retry with the same idempotency key")
    {
    }
}
