using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;

namespace Coordinator.ClusterTests;

/// <summary>Puts a silo's grains, grain timers and reminders on a test's clock, and Orleans' own upkeep on real time.</summary>
internal static class FakeSiloClock
{
    private static readonly string[] RealTimeAreas =
    [
        TimeProviderNames.Messaging,
        TimeProviderNames.SystemTimers,
        TimeProviderNames.Membership,
        TimeProviderNames.ActivationManagement,
        TimeProviderNames.GrainDirectory,
    ];

    /// <summary>Call after the product's set-up, so the clock replaces the system clock it registers.</summary>
    public static void Use(ISiloBuilder siloBuilder, FakeTimeProvider clock)
    {
        // Orleans resolves each runtime area's clock by key, defaulting to this one: grains, grain
        // timers and reminders follow the test's clock...
        siloBuilder.Services.AddSingleton<TimeProvider>(clock);

        // ...while request timeouts, membership probes, activation collection and directory upkeep
        // stay on real time, so a clock jumped by minutes neither times out calls in flight, declares
        // silos dead, nor collects idle grains.
        foreach (var area in RealTimeAreas)
        {
            siloBuilder.Services.AddKeyedSingleton(area, TimeProvider.System);
        }
    }
}
