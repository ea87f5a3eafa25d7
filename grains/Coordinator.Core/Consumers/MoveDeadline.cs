namespace Coordinator.Consumers;

/// <summary>When a draining move's deadline is to be judged, so the pointer can ask to be woken for it.</summary>
public static class MoveDeadline
{
    /// <summary>
    /// How long from <paramref name="now"/> until the current move's deadline (zero once it has
    /// passed); null when no move is draining, or it has no deadline to judge.
    /// </summary>
    public static TimeSpan? DueIn(ConsumerPointerState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.CurrentMove is null || state.MoveDeadline is not { } deadline)
        {
            return null;
        }

        return deadline > now ? deadline - now : TimeSpan.Zero;
    }
}
