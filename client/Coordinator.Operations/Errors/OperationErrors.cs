using Orleans.Runtime;

namespace Coordinator.Operations.Errors;

/// <summary>Maps what an operation threw to the one error model; written once for the console and the API.</summary>
public static class OperationErrors
{
    public static OperationError Classify(Exception exception) => exception switch
    {
        InvalidInputException invalid => OperationError.Invalid(invalid.Errors),
        NotFoundException missing => new(ErrorKind.NotFound, OperationErrorCodes.NotFound, missing.Message, [new FieldError(missing.Field, missing.Reason)]),
        StorageUnavailableException storage => new(ErrorKind.Unavailable, storage.Code.ToString(), storage.Message, []),
        CoordinatorException refused => new(KindOf(refused.Code), refused.Code.ToString(), refused.Message, []),
        _ when IsClusterUnavailable(exception) => new(
            ErrorKind.Unavailable, OperationErrorCodes.ClusterUnavailable, "no silo answered the call; the outcome is unknown: re-read, then retry with the same idempotency key", []),
        _ => new(ErrorKind.Unexpected, OperationErrorCodes.Unexpected, "unexpected error", []),
    };

    /// <summary>The kind of each refusal code; codes not listed are conflicts with the current state.</summary>
    public static ErrorKind KindOf(CoordinatorErrorCode code) => code switch
    {
        CoordinatorErrorCode.InvalidInput => ErrorKind.InvalidInput,
        CoordinatorErrorCode.StaleEpoch => ErrorKind.StaleEpoch,
        CoordinatorErrorCode.RegionClaimed => ErrorKind.Claimed,
        CoordinatorErrorCode.StorageUnavailable => ErrorKind.Unavailable,
        _ => ErrorKind.Conflict,
    };

    /// <summary>The cluster went away (or never answered), as opposed to refusing the call.</summary>
    public static bool IsClusterUnavailable(Exception exception) =>
        exception is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException;
}
