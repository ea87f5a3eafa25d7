using Coordinator.Client;
using Coordinator.Client.Telemetry;

namespace Coordinator.Fleet;

/// <summary>
/// One simulated service instance's request loop: every request asks the SDK resolver for the active
/// arm, is "served" by that arm and reported through the SDK telemetry reporter for that arm. Counts
/// any read of an epoch lower than one this loop already saw (the resolver promises none).
/// </summary>
public sealed class RequestLoop(
    ActiveArmResolver resolver,
    TelemetryReporter reporter,
    string service,
    RegionCounters counters,
    IReadOnlyDictionary<Arm, SimulatedArm> arms,
    TimeSpan interval,
    int seed)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var highest = -1L;
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                ActiveArm arm;
                try
                {
                    arm = await resolver.GetAsync(service, counters.Region);
                }
                catch (Exception ex) when (CallFailures.IsFailure(ex, cancellationToken))
                {
                    // A service whose resolver cannot load fails the request; the loop keeps going.
                    RegionCounters.Add(ref counters.RequestErrors);
                    continue;
                }

                if (arm.Epoch < highest)
                {
                    RegionCounters.Add(ref counters.LowerEpochReads);
                }

                highest = Math.Max(highest, arm.Epoch);
                if (arm.Arm == Arm.Green)
                {
                    RegionCounters.Add(ref counters.ServedGreen);
                }
                else
                {
                    RegionCounters.Add(ref counters.ServedBlue);
                }

                reporter.Record(arm, arms[arm.Arm].Request(random));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
