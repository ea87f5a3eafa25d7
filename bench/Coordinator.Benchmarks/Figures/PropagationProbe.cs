using System.Diagnostics;
using Coordinator.Client;

namespace Coordinator.Benchmarks.Figures;

/// <summary>
/// Collects, for one flip at a time, when each subscribed resolver raised Changed for the flip's
/// epoch. Resolvers call <see cref="Observe"/> from their notification threads.
/// </summary>
internal sealed class PropagationProbe(int resolvers)
{
    private Round? _round;

    /// <summary>Opens a round for <paramref name="epoch"/>; its clock starts now, just before the flip is sent.</summary>
    public Round Begin(long epoch)
    {
        var round = new Round(epoch, resolvers);
        Volatile.Write(ref _round, round);
        round.StartedAt = Stopwatch.GetTimestamp();
        return round;
    }

    public void Observe(int resolver, ActiveArm arm)
    {
        var now = Stopwatch.GetTimestamp();
        if (Volatile.Read(ref _round) is { } round && arm.Epoch == round.Epoch)
        {
            round.Seen(resolver, now);
        }
    }

    internal sealed class Round(long epoch, int resolvers)
    {
        private readonly long[] _seenAt = new long[resolvers];
        private int _waiting = resolvers;

        public long Epoch { get; } = epoch;

        public long StartedAt { get; set; }

        public TaskCompletionSource AllSeen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Missing => Volatile.Read(ref _waiting);

        public void Seen(int resolver, long at)
        {
            if (Interlocked.CompareExchange(ref _seenAt[resolver], at, 0) == 0 && Interlocked.Decrement(ref _waiting) == 0)
            {
                AllSeen.TrySetResult();
            }
        }

        /// <summary>Delay to each resolver that saw the epoch, in Stopwatch ticks.</summary>
        public IEnumerable<long> Delays() => _seenAt.Where(t => t != 0).Select(t => t - StartedAt);
    }
}
