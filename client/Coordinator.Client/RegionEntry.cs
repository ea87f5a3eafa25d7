using Orleans.Streams;

namespace Coordinator.Client;

/// <summary>One region's cache slot: the newest view seen and the arm built from it.</summary>
internal sealed class RegionEntry
{
    private readonly object _startLock = new();
    private Snapshot? _snapshot;
    private Task? _start;

    public ActiveArmView? LastView => Volatile.Read(ref _snapshot)?.View;

    public ActiveArm? Current => Volatile.Read(ref _snapshot)?.Arm;

    public StreamSubscriptionHandle<ArmFlipped>? Subscription { get; set; }

    /// <summary>Replaces the snapshot only if nobody moved it since <paramref name="expected"/> was read.</summary>
    public bool TryAdvance(ActiveArmView? expected, ActiveArmView view, ActiveArm? arm, out ActiveArm? advanced)
    {
        var current = Volatile.Read(ref _snapshot);
        if (!ReferenceEquals(current?.View, expected))
        {
            advanced = null;
            return false;
        }

        var next = new Snapshot(view, arm);
        var won = ReferenceEquals(Interlocked.CompareExchange(ref _snapshot, next, current), current);
        advanced = won ? arm : null;
        return won;
    }

    /// <summary>Runs <paramref name="start"/> once; a failed start is forgotten so the next call retries.</summary>
    public Task StartOnceAsync(Func<Task> start)
    {
        lock (_startLock)
        {
            if (_start is null || _start.IsFaulted || _start.IsCanceled)
            {
                _start = start();
            }

            return _start;
        }
    }

    private sealed record Snapshot(ActiveArmView View, ActiveArm? Arm);
}
