using System.Diagnostics;
using Coordinator.Observability;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Coordinator.ApiTests;

/// <summary>
/// The Coordinator meter and activity source exported to OpenTelemetry's in-memory exporter, as a
/// collector would receive them. Other tests in the process record too: read by service.
/// </summary>
public sealed class ExportedTelemetry : IDisposable
{
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly List<Activity> _spans = [];
    private readonly MeterProvider _meters;
    private readonly TracerProvider _tracer;

    public ExportedTelemetry()
    {
        _meters = Sdk.CreateMeterProviderBuilder().AddMeter(CoordinatorDiagnostics.Name).AddInMemoryExporter(_metrics).Build()!;
        _tracer = Sdk.CreateTracerProviderBuilder().AddSource(CoordinatorDiagnostics.Name).AddInMemoryExporter(_spans).Build()!;
    }

    /// <summary>Exports the meter now and returns the points of <paramref name="instrument"/> tagged with <paramref name="service"/>.</summary>
    public IReadOnlyList<Point> Points(string instrument, string service)
    {
        _meters.ForceFlush();
        var latest = Copy(_metrics).LastOrDefault(m => m.Name == instrument);
        if (latest is null)
        {
            return [];
        }

        var points = new List<Point>();
        foreach (var point in latest.MetricPoints)
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            }

            if (tags.GetValueOrDefault(TagNames.Service) == service)
            {
                points.Add(new Point(tags, latest.MetricType, point));
            }
        }

        return points;
    }

    /// <summary>The spans ended so far that carry <paramref name="service"/>.</summary>
    public IReadOnlyList<Activity> Spans(string service) =>
        Copy(_spans).Where(s => s.GetTagItem(TagNames.Service) as string == service).ToList();

    public void Dispose()
    {
        _tracer.Dispose();
        _meters.Dispose();
    }

    // The exporters append from other threads; a copy taken during an append is taken again.
    private static List<T> Copy<T>(List<T> items)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return [.. items];
            }
            catch (Exception) when (attempt < 10)
            {
                Thread.Yield();
            }
        }
    }

    /// <summary>One exported point with its tags and its value read as its type says.</summary>
    public sealed record Point(IReadOnlyDictionary<string, string> Tags, MetricType Type, MetricPoint Raw)
    {
        public string Tag(string key) => Tags.GetValueOrDefault(key) ?? "";

        /// <summary>A counter's sum or a gauge's last value.</summary>
        public double Value => Type switch
        {
            MetricType.LongSum or MetricType.LongSumNonMonotonic => Raw.GetSumLong(),
            MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => Raw.GetSumDouble(),
            MetricType.LongGauge => Raw.GetGaugeLastValueLong(),
            MetricType.DoubleGauge => Raw.GetGaugeLastValueDouble(),
            _ => throw new InvalidOperationException($"{Type} has no single value; read the histogram"),
        };

        public long HistogramCount => Raw.GetHistogramCount();

        public double HistogramSum => Raw.GetHistogramSum();
    }
}
