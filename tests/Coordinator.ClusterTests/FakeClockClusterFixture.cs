using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Coordinator.ClusterTests;

/// <summary>
/// A <see cref="ClusterFixture"/> whose silos all read one <see cref="FakeTimeProvider"/>: grains, and the
/// Orleans grain timers and reminders that drive them, see only the time a test advances (Orleans 10 runs
/// grain timers on the injected clock: a timer that is due fires inside <see cref="FakeTimeProvider.Advance"/>,
/// and never on its own), while Orleans' own upkeep stays on real time (<see cref="FakeSiloClock"/>).
/// </summary>
/// <typeparam name="TSelf">The fixture type: each has a clock slot of its own.</typeparam>
public abstract class FakeClockClusterFixture<TSelf> : ClusterFixture
    where TSelf : FakeClockClusterFixture<TSelf>
{
    // Silos are built by the TestCluster from configurator types, not by this fixture: they find the clock
    // here. One fixture per collection, and collections with the same fixture never run two at once.
    private static FakeTimeProvider? _clock;

    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    protected sealed override void Configure(TestClusterBuilder builder)
    {
        _clock = Clock;
        ConfigureSilos(builder);

        // Last, so the clock replaces the system clock the product registers.
        builder.AddSiloBuilderConfigurator<ClockConfigurator>();
    }

    /// <summary>More silo configuration for the fixture (runs after the product's, before the clock's).</summary>
    protected virtual void ConfigureSilos(TestClusterBuilder builder)
    {
    }

    private sealed class ClockConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            FakeSiloClock.Use(siloBuilder, _clock ?? throw new InvalidOperationException("the fixture sets the clock before deploying"));
    }
}
