namespace Coordinator.Domain;

/// <summary>Lengths the coordinator accepts, shared so clients can check before they call.</summary>
public static class Limits
{
    /// <summary>Longest operator name (who asked) a command accepts, in characters.</summary>
    public const int MaxOperatorLength = 128;
    /// <summary>Longest free-text reason a command accepts, in characters; it is kept in the audit chain.</summary>
    public const int MaxReasonLength = 1024;
    /// <summary>Longest idempotency key a flip accepts, in characters.</summary>
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>Most regions of one service a single resolver may follow for pushed flip notices.</summary>
    public const int MaxFollowedRegions = 10_000;
}
