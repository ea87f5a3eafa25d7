using Coordinator.Benchmarks.Cluster;

namespace Coordinator.Benchmarks.Figures;

/// <summary>
/// Flips one region back and forth as an operator would: every flip names the epoch the previous
/// one returned, so each waits for its predecessor to be persisted. Not thread-safe: one caller each.
/// </summary>
internal sealed class RegionFlipper(ISwitchoverGrain pointer, ActiveArmView view)
{
    private long _epoch = view.Epoch;
    private Arm _active = view.ActiveArm;

    public string Region { get; } = view.Region;

    public ISwitchoverGrain Pointer => pointer;

    public long Epoch => _epoch;

    public async Task FlipAsync()
    {
        var result = await pointer.FlipAsync(Next());
        _epoch = result.Epoch;
        _active = result.To;
    }

    /// <summary>The compare-and-set request that moves the region to the other arm.</summary>
    public FlipRequest Next() => new()
    {
        Target = _active.Other(),
        ExpectedEpoch = _epoch,
        Operator = Seed.Operator,
        Reason = "benchmark flip",
        IdempotencyKey = $"bench-{Region}-{_epoch + 1}",
    };

    /// <summary>Records a flip made through <see cref="Next"/> by someone else.</summary>
    public void Flipped(FlipResult result)
    {
        _epoch = result.Epoch;
        _active = result.To;
    }
}
