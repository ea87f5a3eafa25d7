using System.Collections.Immutable;
using Coordinator.Campaigns;
using Coordinator.Domain;
using Coordinator.Grains.Segments;
using Coordinator.Telemetry;
using Microsoft.Extensions.Logging;

namespace Coordinator.Grains.Telemetry;

/// <summary>
/// One arm's recent telemetry, key "service/region/arm". Thin: it checks a batch with
/// <see cref="TelemetryBatchRules"/>, keeps it in a <see cref="TelemetrySeries"/>, and checkpoints the
/// series as <see cref="TelemetryCheckpoints"/> says, so a silo lost mid-hold costs at most the last
/// checkpoint period of evidence, not the Green window. Windows are read from memory: they are
/// evidence for a gate, and a window missing the last seconds can only be less conclusive, never a
/// false pass. A brief second activation splits reports between two series with the same outcome.
/// </summary>
public sealed partial class TelemetryGrain(
    [PersistentState("telemetry", StorageNames.Coordinator)] IPersistentState<TelemetryState> state,
    TimeProvider time,
    ILogger<TelemetryGrain> logger) : Grain, ITelemetryGrain
{
    private readonly ConfirmedState<TelemetryState> _state = new(state);
    private readonly TelemetrySeries _series = new();

    // What was reported since the last seal: persisted with the state at every checkpoint.
    private readonly TelemetrySeries _pending = new();
    private bool _dirty;
    private IGrainTimer? _checkpoints;
    private string _service = string.Empty;
    private string _region = string.Empty;
    private Arm _arm;
    private IReadOnlyList<FieldError> _keyErrors = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        try
        {
            (_service, _region, _arm) = TelemetryKey.Parse(key);
        }
        catch (FormatException ex)
        {
            _keyErrors = [new FieldError("key", ex.Message)];
            return;
        }

        var errors = new List<FieldError>();
        NameRules.Check("service", _service, errors);
        NameRules.Check("region", _region, errors);
        _keyErrors = errors;

        var now = time.GetUtcNow();
        var (live, _) = TelemetryCheckpoints.Prune(_state.Value.Sealed, now);
        var segments = await Task.WhenAll(live.Select(s => Segment(s.Id).ReadAsync()));
        _series.Restore(segments.SelectMany(s => s).Concat(_state.Value.Open), now);
        _pending.Restore(_state.Value.Open, now);
        _checkpoints = this.RegisterGrainTimer(CheckpointAsync, new GrainTimerCreationOptions(TelemetryCheckpoints.Period, TelemetryCheckpoints.Period)
        {
            Interleave = false,
            KeepAlive = false,
        });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _checkpoints?.Dispose();

        // While the silo shuts down its storage may already be gone (embedded mode's is a grain); the
        // last periodic checkpoint stands, as after a crash.
        if (reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
        {
            await CheckpointAsync(cancellationToken);
        }
    }

    Task ITelemetryGrain.ReportAsync(TelemetryBatch batch)
    {
        // One-way: nobody waits for the answer, so a refusal is also logged here.
        var now = time.GetUtcNow();
        var errors = _keyErrors.Count > 0 ? _keyErrors : TelemetryBatchRules.Check(batch, _service, _region, _arm, now);
        if (errors.Count > 0)
        {
            var refused = new InvalidInputException(errors);
            LogBatchRefused(logger, this.GetPrimaryKeyString(), refused.Message);
            throw refused;
        }

        if (!_series.Add(batch, now))
        {
            LogBatchTooOld(logger, this.GetPrimaryKeyString(), batch.From, batch.To);
            return Task.CompletedTask;
        }

        _pending.Add(batch, now);
        _dirty = true;
        return Task.CompletedTask;
    }

    Task<TelemetryWindow> ITelemetryGrain.GetWindowAsync(DateTimeOffset from, DateTimeOffset to)
    {
        NameRules.ThrowIfAny(_keyErrors);
        return Task.FromResult(_series.Window(_service, _region, _arm, from, to));
    }

    /// <summary>Seals what is due into a segment, then saves the rest with the state; a failure is retried next period.</summary>
    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (!_dirty || _keyErrors.Count > 0)
        {
            return;
        }

        try
        {
            var now = time.GetUtcNow();
            var pending = _pending.Buckets(_service, _region, _arm).ToList();
            var toSeal = TelemetryCheckpoints.ToSeal(pending, now);
            TelemetrySegmentRef? sealedRef = null;
            if (toSeal.Count > 0)
            {
                sealedRef = new TelemetrySegmentRef($"{this.GetPrimaryKeyString()}/telemetry/{Guid.NewGuid():N}", toSeal[0].Index, toSeal[^1].Index);
                await Segment(sealedRef.Id).WriteAsync(toSeal);
            }

            var open = pending.Where(b => sealedRef is null || b.Index > sealedRef.LastIndex).ToList();
            var dropped = ImmutableList<TelemetrySegmentRef>.Empty;
            _dirty = false;
            await _state.DecideAndWriteAsync(
                s =>
                {
                    var (keep, drop) = TelemetryCheckpoints.Prune(sealedRef is null ? s.Sealed : s.Sealed.Add(sealedRef), now);
                    dropped = drop;
                    return Decision<TelemetryState, bool>.Changed(s with { Open = [.. open], Sealed = keep }, true);
                },
                round => LogCheckpointConflict(logger, this.GetPrimaryKeyString(), round),
                this.GetPrimaryKeyString());
            if (sealedRef is not null)
            {
                _pending.RemoveBefore(sealedRef.LastIndex + 1);
            }

            // Best effort: a segment left behind only costs storage.
            await Task.WhenAll(dropped.Select(s => Segment(s.Id).ClearAsync()));
        }
        catch (Exception ex)
        {
            _dirty = true;
            LogCheckpointFailed(logger, ex, this.GetPrimaryKeyString());
        }
    }

    private ISegmentGrain<TelemetryBucket> Segment(string id) => GrainFactory.GetGrain<ISegmentGrain<TelemetryBucket>>(id);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Telemetry batch for {Key} refused: {Reason}")]
    private static partial void LogBatchRefused(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Telemetry batch for {Key} over {From:O}..{To:O} is older than the retention; dropped")]
    private static partial void LogBatchTooOld(ILogger logger, string key, DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "Checkpointing the telemetry of {Key} failed; retried next period")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "ETag conflict checkpointing the telemetry of {Key} (round {Round}); re-read")]
    private static partial void LogCheckpointConflict(ILogger logger, string key, int round);
}
