namespace Coordinator.Console.Commands.Flip;

/// <summary>What an operator asks of a flip; unset values are filled in by <see cref="FlipOperation"/>.</summary>
public sealed record FlipInput
{
    public required Arm Target { get; init; }

    public required string Reason { get; init; }

    public required string Operator { get; init; }

    /// <summary>The epoch the operator decided on; null to read the current one first.</summary>
    public long? ExpectedEpoch { get; init; }

    /// <summary>Null for a fresh key, so a retried command is a new request unless the operator pins one.</summary>
    public string? IdempotencyKey { get; init; }
}
