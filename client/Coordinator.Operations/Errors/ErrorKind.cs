namespace Coordinator.Operations.Errors;

/// <summary>
/// What kind of failure an operation ended in: the console picks its exit code from it and the API
/// its HTTP status, so one refusal means the same thing on both.
/// </summary>
public enum ErrorKind
{
    /// <summary>Bad input; every field is named. Nothing changed.</summary>
    InvalidInput,

    /// <summary>The thing named does not exist (a campaign, a region without arms).</summary>
    NotFound,

    /// <summary>The command does not fit the current state (arm already active, key reused, move in progress...).</summary>
    Conflict,

    /// <summary>A compare-and-set named an epoch the region moved past.</summary>
    StaleEpoch,

    /// <summary>A running campaign owns the region.</summary>
    Claimed,

    /// <summary>No silo answered, or storage did not confirm a write: the outcome is unknown.</summary>
    Unavailable,

    /// <summary>Nobody planned for it; details stay in the log.</summary>
    Unexpected,
}
