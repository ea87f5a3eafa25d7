using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Coordinator.Observability;

/// <summary>
/// The product's one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named
/// <see cref="Name"/>. Static, so the grains and the SDK record through the same instances without
/// dependency injection; nothing is measured unless a listener (OpenTelemetry, dotnet-counters) subscribes.
/// </summary>
public static class CoordinatorDiagnostics
{
    /// <summary>The meter's and the activity source's name: what <c>AddMeter</c> and <c>AddSource</c> take.</summary>
    public const string Name = "Coordinator";

    /// <summary>The version reported with the meter and the activity source: this assembly's.</summary>
    public static readonly string Version = typeof(CoordinatorDiagnostics).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Every Coordinator instrument is created on this meter.</summary>
    public static readonly Meter Meter = new(Name, Version);

    /// <summary>Campaign, step and flip spans start here.</summary>
    public static readonly ActivitySource Source = new(Name, Version);
}
