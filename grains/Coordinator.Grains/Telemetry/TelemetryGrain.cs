using Coordinator.Campaigns;
using Coordinator.Domain;
using Coordinator.Telemetry;
using Microsoft.Extensions.Logging;

namespace Coordinator.Grains.Telemetry;

/// <summary>
/// One arm's recent telemetry, key "service/region/arm". Thin: it checks a batch with
/// <see cref="TelemetryBatchRules"/> and keeps it in a <see cref="TelemetrySeries"/>.
/// <para>
/// Deliberately not persisted: the series lives in this activation's memory only. Losing it in a
/// crash or a deactivation is safe, because a window with too few samples makes a gate
/// inconclusive, never a pass; the hold extends while the SDK refills the series within seconds.
/// A brief second activation during a failure would split reports between two series in the same
/// way, with the same harmless outcome.
/// </para>
/// </summary>
public sealed partial class TelemetryGrain(TimeProvider time, ILogger<TelemetryGrain> logger) : Grain, ITelemetryGrain
{
    private readonly TelemetrySeries _series = new();
    private string _service = string.Empty;
    private string _region = string.Empty;
    private Arm _arm;
    private IReadOnlyList<FieldError> _keyErrors = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        try
        {
            (_service, _region, _arm) = TelemetryKey.Parse(key);
        }
        catch (FormatException ex)
        {
            _keyErrors = [new FieldError("key", ex.Message)];
            return Task.CompletedTask;
        }

        var errors = new List<FieldError>();
        NameRules.Check("service", _service, errors);
        NameRules.Check("region", _region, errors);
        _keyErrors = errors;
        return Task.CompletedTask;
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
        }

        return Task.CompletedTask;
    }

    Task<TelemetryWindow> ITelemetryGrain.GetWindowAsync(DateTimeOffset from, DateTimeOffset to)
    {
        NameRules.ThrowIfAny(_keyErrors);
        return Task.FromResult(_series.Window(_service, _region, _arm, from, to));
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Telemetry batch for {Key} refused: {Reason}")]
    private static partial void LogBatchRefused(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Telemetry batch for {Key} over {From:O}..{To:O} is older than the retention; dropped")]
    private static partial void LogBatchTooOld(ILogger logger, string key, DateTimeOffset from, DateTimeOffset to);
}
