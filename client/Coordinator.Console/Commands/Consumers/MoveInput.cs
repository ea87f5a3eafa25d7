namespace Coordinator.Console.Commands.Consumers;

/// <summary>What an operator asks of a consumer move; unset values are filled in by <see cref="MoveConsumersOperation"/>.</summary>
public sealed record MoveInput
{
    public required string ToConsumerVer { get; init; }

    public required string Reason { get; init; }

    public required string Operator { get; init; }

    public required TimeSpan DrainTimeout { get; init; }

    /// <summary>Null for a fresh key, so a retried command is a new move unless the operator pins one.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Follow the move until it completes or fails.</summary>
    public bool Wait { get; init; } = true;
}
