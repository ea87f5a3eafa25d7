namespace Coordinator.Operations.Errors;

/// <summary>
/// A failure as both the console and the API report it: the kind, a stable code (the coordinator's
/// error code, or one of <see cref="OperationErrorCodes"/>), a message without internals, and every
/// bad field (by option name on the console, by JSON path on the API).
/// </summary>
public sealed record OperationError(ErrorKind Kind, string Code, string Message, IReadOnlyList<FieldError> Errors)
{
    public static OperationError Invalid(IReadOnlyList<FieldError> errors) =>
        new(ErrorKind.InvalidInput, nameof(CoordinatorErrorCode.InvalidInput), "invalid input: " + string.Join("; ", errors), errors);
}

/// <summary>Codes of failures that are not the coordinator's own refusals.</summary>
public static class OperationErrorCodes
{
    public const string NotFound = "NotFound";
    public const string ClusterUnavailable = "ClusterUnavailable";
    public const string Unexpected = "Unexpected";
}
