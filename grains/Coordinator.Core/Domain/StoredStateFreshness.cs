namespace Coordinator.Domain;

/// <summary>
/// When an activation re-reads its stored state so that its answers follow what another activation of
/// the same grain wrote (Orleans can briefly run two). An activation somebody is calling re-reads on a
/// timer, so callers never wait for it; one nobody calls reads nothing (10,000 idle pointers used to
/// cost 2,000 storage reads a second); and a call that finds the state older than
/// <see cref="CallBound"/> has it re-read before it is answered. Either way no answer comes from a
/// state confirmed longer than <see cref="CallBound"/> ago, unless storage does not answer the re-read.
/// </summary>
public sealed class StoredStateFreshness
{
    /// <summary>The grains' re-read period: their answers lag at most two of these behind another activation's writes.</summary>
    public static readonly TimeSpan GrainPeriod = TimeSpan.FromSeconds(5);

    private DateTimeOffset _confirmedAt;
    private DateTimeOffset _calledAt;

    /// <param name="period">How often the timer asks <see cref="TickRereads"/>.</param>
    /// <param name="loadedAt">When the activation read its state.</param>
    public StoredStateFreshness(TimeSpan period, DateTimeOffset loadedAt)
    {
        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "the re-read period must be positive");
        }

        Period = period;
        _confirmedAt = loadedAt;
        _calledAt = loadedAt;
    }

    public TimeSpan Period { get; }

    /// <summary>
    /// The oldest confirmation a call is answered from without reading first. Two periods, so that a
    /// warm activation's timer (one period, plus the read itself) always gets there before a caller does.
    /// </summary>
    public TimeSpan CallBound => Period * 2;

    /// <summary>
    /// How long after its last call an activation keeps re-reading on its timer: two periods, so a
    /// write another activation made right after a call is still picked up without a further call.
    /// </summary>
    public TimeSpan WarmFor => Period * 2;

    /// <summary>Storage confirmed the state at <paramref name="at"/> (a re-read that answered).</summary>
    public void Confirmed(DateTimeOffset at)
    {
        if (at > _confirmedAt)
        {
            _confirmedAt = at;
        }
    }

    /// <summary>
    /// A call arrived at <paramref name="at"/>: true when it must wait for a re-read, because nothing
    /// confirmed the state for longer than <see cref="CallBound"/> (the activation was idle).
    /// </summary>
    public bool CallRereadsFirst(DateTimeOffset at)
    {
        if (at > _calledAt)
        {
            _calledAt = at;
        }

        return at - _confirmedAt > CallBound;
    }

    /// <summary>The timer ticked at <paramref name="at"/>: true when the activation was called recently enough to re-read.</summary>
    public bool TickRereads(DateTimeOffset at) => at - _calledAt <= WarmFor;
}
