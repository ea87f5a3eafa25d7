using Coordinator.Domain;

namespace Coordinator.Operations.Regions;

/// <summary>What a caller asks of a flip; unset values are filled in by <see cref="RegionOperations.FlipAsync"/>.</summary>
public sealed record FlipInput
{
    public required Arm Target { get; init; }

    public required string Reason { get; init; }

    public required string Operator { get; init; }

    /// <summary>The epoch the caller decided on; null to read the current one first.</summary>
    public long? ExpectedEpoch { get; init; }

    /// <summary>Null for a fresh key, so a retried command is a new request unless the caller pins one.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The caller's hash of its whole request; a replayed key must carry the same one (see <see cref="FlipRequest.RequestHash"/>).</summary>
    public string? RequestHash { get; init; }

    /// <summary>
    /// Every problem with a flip's raw input, each named as the caller's surface names it (an option
    /// on the console, a JSON path or header on the API).
    /// </summary>
    public static List<FieldError> Check(FlipFieldNames names, string? to, string? reason, string? operatorName, long? expectedEpoch, string? idempotencyKey)
    {
        var errors = new List<FieldError>();
        if (to is null)
        {
            errors.Add(new FieldError(names.To, "is required: blue or green"));
        }
        else if (!ArmExtensions.TryParse(to, out _))
        {
            errors.Add(new FieldError(names.To, $"'{to}' is not an arm; use blue or green"));
        }

        NameRules.CheckText(names.Reason, reason, Limits.MaxReasonLength, errors);
        if (operatorName is not null)
        {
            NameRules.CheckText(names.Operator, operatorName, Limits.MaxOperatorLength, errors);
        }

        if (expectedEpoch is < 0)
        {
            errors.Add(new FieldError(names.ExpectedEpoch, "must not be negative"));
        }

        if (idempotencyKey is not null)
        {
            NameRules.CheckText(names.IdempotencyKey, idempotencyKey, Limits.MaxIdempotencyKeyLength, errors);
        }

        return errors;
    }
}

/// <summary>How a surface names the inputs of a flip in its errors.</summary>
public sealed record FlipFieldNames(string To, string Reason, string Operator, string ExpectedEpoch, string IdempotencyKey)
{
    public static readonly FlipFieldNames Console = new("--to", "--reason", "--operator", "--expected-epoch", "--idempotency-key");
}
