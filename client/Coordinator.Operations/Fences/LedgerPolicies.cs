using Coordinator.Fences;

namespace Coordinator.Operations.Fences;

/// <summary>The names of <see cref="LedgerPolicy"/> as operators write them.</summary>
public static class LedgerPolicies
{
    public const string FailClosed = "fail-closed";
    public const string FailOpen = "fail-open";

    public static LedgerPolicy? Parse(string? name) => name switch
    {
        FailClosed => LedgerPolicy.FailClosed,
        FailOpen => LedgerPolicy.FailOpen,
        _ => null,
    };

    /// <summary>Adds an error naming <paramref name="field"/> unless <paramref name="name"/> is absent or a policy.</summary>
    public static void Check(string field, string? name, ICollection<FieldError> errors)
    {
        if (name is not null && Parse(name) is null)
        {
            errors.Add(new FieldError(field, $"must be {FailClosed} or {FailOpen} (got '{name}')"));
        }
    }
}
