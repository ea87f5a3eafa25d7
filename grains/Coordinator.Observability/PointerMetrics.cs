using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Coordinator.Observability;

/// <summary>The active-arm pointers' instruments: flips and the epoch per region.</summary>
public static class PointerMetrics
{
    // Declared before the gauge that reads it: static fields initialise in order.
    private static readonly LatestValues<long> Epochs = new();

    private static readonly Counter<long> Flips = CoordinatorDiagnostics.Meter.CreateCounter<long>(
        InstrumentNames.Flips, "{flip}", "Accepted flips of a region's active-arm pointer, by the arm flipped to.");

    private static readonly ObservableGauge<long> EpochGauge = CoordinatorDiagnostics.Meter.CreateObservableGauge(
        InstrumentNames.Epoch, Epochs.Observe, "{epoch}", "The epoch of each pointer whose grain is active on this silo (take the max over silos).");

    /// <summary>A flip of (service, region) to <paramref name="arm"/> was persisted.</summary>
    public static void Flipped(string service, string region, string arm) =>
        Flips.Add(1, new TagList { { TagNames.Service, service }, { TagNames.Region, region }, { TagNames.Arm, arm } });

    /// <summary>The pointer's confirmed epoch and active arm, as the activation <paramref name="owner"/> holds them.</summary>
    public static void EpochIs(object owner, string service, string region, string arm, long epoch) =>
        Epochs.Set(owner, Key(service, region), epoch, [new(TagNames.Service, service), new(TagNames.Region, region), new(TagNames.Arm, arm)]);

    /// <summary>The activation <paramref name="owner"/> ended: this silo no longer reports the pointer.</summary>
    public static void Forget(object owner, string service, string region) => Epochs.Remove(owner, Key(service, region));

    private static string Key(string service, string region) => service + "/" + region;

}
