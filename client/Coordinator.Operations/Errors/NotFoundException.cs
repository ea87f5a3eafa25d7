namespace Coordinator.Operations.Errors;

/// <summary>The <paramref name="what"/> an operation names does not exist; <see cref="Field"/> says which input named it.</summary>
public sealed class NotFoundException(string what, string field, string reason) : Exception($"no such {what}: {field}: {reason}")
{
    /// <summary>What kind of thing is missing ("campaign", "region").</summary>
    public string What { get; } = what;

    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
