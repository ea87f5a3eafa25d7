using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Coordinator.Campaigns;
using Coordinator.Domain;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coordinator.Client.Telemetry;

/// <summary>
/// Aggregates request samples in memory per (service, region, arm, pinned versions) and sends one
/// <see cref="ITelemetryGrain.ReportAsync"/> per key with data every flush interval: no grain call
/// per request. Recording takes one short per-key lock. A failed flush is logged and its data
/// dropped; requests never wait for the coordinator. Create one per process and share it.
/// </summary>
public sealed partial class TelemetryReporter : IAsyncDisposable
{
    private readonly IClusterClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly ConcurrentDictionary<TelemetrySeriesKey, PendingTelemetry> _pending = new();
    private readonly ConditionalWeakTable<ArmManifest, PinnedVersions> _versions = new();
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private readonly TimeSpan _sendTimeout;
    private DateTimeOffset _periodStart;
    private long _batchesSent;
    private long _batchesFailed;
    private long _samplesDropped;
    private volatile bool _disposed;

    /// <summary>A reporter over <paramref name="client"/>; create one per process and record every served request.</summary>
    /// <param name="client">A connected client.</param>
    /// <param name="options">Null for the defaults.</param>
    /// <param name="time">Drives flushes and batch times; null for the system clock.</param>
    /// <param name="logger">Null for no logging.</param>
    public TelemetryReporter(IClusterClient client, TelemetryReporterOptions? options = null, TimeProvider? time = null, ILogger<TelemetryReporter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new TelemetryReporterOptions();
        options.Validate();
        _client = client;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _periodStart = _time.GetUtcNow();
        _sendTimeout = options.SendTimeout;
        _timer = _time.CreateTimer(_ => _ = FlushTickAsync(), null, options.FlushInterval, options.FlushInterval);
    }

    /// <summary>Batches the coordinator accepted for delivery.</summary>
    public long BatchesSent => Interlocked.Read(ref _batchesSent);

    /// <summary>Batches whose send failed; their samples were dropped.</summary>
    public long BatchesFailed => Interlocked.Read(ref _batchesFailed);

    /// <summary>Samples (requests and quality observations) recorded after disposal, or in batches whose send failed.</summary>
    public long SamplesDropped => Interlocked.Read(ref _samplesDropped);

    /// <summary>Records one request served by <paramref name="arm"/>, pinned to its manifest's versions.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative latency or a score outside [0, 1].</exception>
    public void Record(ActiveArm arm, RequestSample sample)
    {
        ArgumentNullException.ThrowIfNull(arm);
        var versions = _versions.GetValue(arm.Manifest, PinnedVersions.Of);
        Record(arm.Service, arm.Region, arm.Arm, versions, sample);
    }

    /// <summary>
    /// Records one request served by an arm that is not necessarily the active one (shadow traffic,
    /// an evaluator warming Green).
    /// </summary>
    /// <exception cref="ArgumentException">A bad name (checked the first time a key is seen), latency or score.</exception>
    public void Record(string service, string region, Arm arm, PinnedVersions versions, RequestSample sample)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(versions);
        sample.Validate();
        Add(new TelemetrySeriesKey(service, region, arm, versions), (in RequestSample s, TelemetryAccumulator samples) => samples.Add(s), sample);
    }

    /// <summary>
    /// Records the quality of one answer served by <paramref name="arm"/> whose request was reported elsewhere
    /// (by the edge that proxied it): it adds ΔS, coverage and λ samples to the arm's window, not a request.
    /// </summary>
    /// <exception cref="ArgumentException">A score outside [0, 1], or no signal at all.</exception>
    public void RecordQuality(ActiveArm arm, QualitySample sample)
    {
        ArgumentNullException.ThrowIfNull(arm);
        sample.Validate();
        var versions = _versions.GetValue(arm.Manifest, PinnedVersions.Of);
        Add(new TelemetrySeriesKey(arm.Service, arm.Region, arm.Arm, versions), (in QualitySample s, TelemetryAccumulator samples) => samples.Add(s), sample);
    }

    private delegate void AddTo<T>(in T sample, TelemetryAccumulator samples);

    private void Add<T>(TelemetrySeriesKey key, AddTo<T> add, in T sample)
    {
        if (_disposed)
        {
            Interlocked.Increment(ref _samplesDropped);
            return;
        }

        while (true)
        {
            if (!_pending.TryGetValue(key, out var pending))
            {
                CheckKey(key);
                pending = _pending.GetOrAdd(key, _ => new PendingTelemetry());
            }

            lock (pending.Gate)
            {
                if (!pending.Retired)
                {
                    add(sample, pending.Samples);
                    return;
                }
            }
        }
    }

    /// <summary>Sends everything recorded so far, one batch per key with data.</summary>
    public async Task FlushAsync()
    {
        await _flushGate.WaitAsync().ConfigureAwait(false);
        try
        {
            var to = _time.GetUtcNow();
            var from = _periodStart < to ? _periodStart : to;
            _periodStart = to;
            var batches = new List<TelemetryBatch>();
            foreach (var (key, pending) in _pending)
            {
                if (Take(key, pending, from, to) is { } batch)
                {
                    batches.Add(batch);
                }
            }

            await Task.WhenAll(batches.Select(SendAsync)).ConfigureAwait(false);
        }
        finally
        {
            _flushGate.Release();
        }
    }

    /// <summary>Stops the flush timer and sends what is still pending.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _timer.DisposeAsync().ConfigureAwait(false);
        await FlushAsync().ConfigureAwait(false);
    }

    /// <summary>The key's samples as a batch, or null (and the key forgotten) when it has none.</summary>
    private TelemetryBatch? Take(TelemetrySeriesKey key, PendingTelemetry pending, DateTimeOffset from, DateTimeOffset to)
    {
        TelemetryAccumulator samples;
        lock (pending.Gate)
        {
            if (pending.Samples.IsEmpty)
            {
                // Idle keys are dropped so a process that moves between versions keeps a bounded map;
                // a recorder that raced with this sees Retired and adds a fresh entry.
                pending.Retired = true;
                _pending.TryRemove(new KeyValuePair<TelemetrySeriesKey, PendingTelemetry>(key, pending));
                return null;
            }

            samples = pending.Samples;
            pending.Samples = new TelemetryAccumulator();
        }

        return samples.ToBatch(key, from, to);
    }

    private async Task SendAsync(TelemetryBatch batch)
    {
        try
        {
            var grain = _client.GetGrain<ITelemetryGrain>(TelemetryKey.Format(batch.Service, batch.Region, batch.Arm));
            // Dropped rather than resent on a timeout: the call may still land, and counting twice is worse
            // than a gap. Real time, not the injected clock: it bounds a network call.
            await grain.ReportAsync(batch).WaitAsync(_sendTimeout).ConfigureAwait(false);
            Interlocked.Increment(ref _batchesSent);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _batchesFailed);
            Interlocked.Add(ref _samplesDropped, batch.RequestCount + batch.QualityObservations);
            LogFlushFailed(_logger, ex, batch.Service, batch.Region, batch.Arm.ToWire(), batch.RequestCount);
        }
    }

    private async Task FlushTickAsync()
    {
        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogTickFailed(_logger, ex);
        }
    }

    private static void CheckKey(TelemetrySeriesKey key)
    {
        var errors = new List<FieldError>();
        NameRules.Check("service", key.Service, errors);
        NameRules.Check("region", key.Region, errors);
        if (!Enum.IsDefined(key.Arm))
        {
            errors.Add(new FieldError("arm", $"{(int)key.Arm} is not blue or green"));
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("telemetry cannot be reported for this key: " + string.Join("; ", errors));
        }
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Telemetry flush for {Service}/{Region}/{Arm} failed; {Requests} requests dropped")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string service, string region, string arm, long requests);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "A periodic telemetry flush failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
