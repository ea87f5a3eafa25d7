using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Coordinator.Observability;

namespace Coordinator.TestKit;

/// <summary>
/// Every measurement of the named Coordinator instruments while it lives, through a <see cref="MeterListener"/>
/// (what any exporter subscribes with). Other tests in the process record too: read by tag.
/// </summary>
public sealed class RecordedMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measured> _measured = new();

    public RecordedMeasurements(params string[] instruments)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CoordinatorDiagnostics.Name && instruments.Contains(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    /// <summary>The measurements of <paramref name="instrument"/> whose tag <paramref name="key"/> is <paramref name="value"/>, in order.</summary>
    public IReadOnlyList<Measured> Of(string instrument, string key, string value) =>
        _measured.Where(m => m.Instrument == instrument && m.Tag(key) == value).ToList();

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }

        _measured.Enqueue(new Measured(instrument.Name, value, copy));
    }

    /// <summary>One measurement and its tags.</summary>
    public sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, string> Tags)
    {
        public string Tag(string key) => Tags.GetValueOrDefault(key) ?? "";
    }
}
