using Coordinator.Client;
using Coordinator.Client.Telemetry;

namespace Coordinator.Fleet;

/// <summary>What a fleet's request traffic runs with: the regions' counters and the process's resolver and reporter.</summary>
public sealed record FleetTrafficContext(
    string Service, IReadOnlyDictionary<string, RegionCounters> Regions, ActiveArmResolver Resolver, TelemetryReporter Reporter, TimeProvider Time);

/// <summary>
/// The fleet's requests when they are not the simulated loops: e.g. real HTTP through an edge per region.
/// It counts what it served in <see cref="RegionCounters"/> (the fleet is ready once every region served a
/// Blue baseline) and reports what the gates need.
/// </summary>
public interface IFleetTraffic
{
    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; returns the tasks it started.</summary>
    IReadOnlyList<Task> Start(FleetTrafficContext context, CancellationToken cancellationToken);
}
