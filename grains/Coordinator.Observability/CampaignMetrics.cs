using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Coordinator.Observability;

/// <summary>The campaigns' instruments: state, transitions, rollback duration, and the gates' numbers.</summary>
public static class CampaignMetrics
{
    private static readonly LatestValues<int> States = new();

    private static readonly ObservableGauge<int> StateGauge = CoordinatorDiagnostics.Meter.CreateObservableGauge(
        InstrumentNames.CampaignState, States.Observe, "{campaign}",
        "1 per service in its current campaign's state, reported by the silo where the service's cutover grain is active.");

    private static readonly Counter<long> Transitions = CoordinatorDiagnostics.Meter.CreateCounter<long>(
        InstrumentNames.CampaignTransitions, "{transition}", "Campaign states entered (a start enters running).");

    private static readonly Histogram<double> Rollbacks = CoordinatorDiagnostics.Meter.CreateHistogram(
        InstrumentNames.RollbackDuration, "s", "From a rollback's start until every region the campaign touched was back on Blue.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] });

    private static readonly Gauge<double> GateValues = CoordinatorDiagnostics.Meter.CreateGauge<double>(
        InstrumentNames.GateValue, null, "The value a gate last measured for a metric (its unit is the metric's: ratio, score, ms or count).");

    private static readonly Gauge<double> GateThresholds = CoordinatorDiagnostics.Meter.CreateGauge<double>(
        InstrumentNames.GateThreshold, null, "A gate metric's threshold: bound=pass is its pass target, bound=stop its stop rule.");

    private static readonly Gauge<int> GateVerdicts = CoordinatorDiagnostics.Meter.CreateGauge<int>(
        InstrumentNames.GateVerdict, null, "A gate metric's last verdict: 0 pass, 1 inconclusive, 2 fail.");

    private static readonly Counter<long> GateJudgements = CoordinatorDiagnostics.Meter.CreateCounter<long>(
        InstrumentNames.GateJudgements, "{judgement}", "Gate verdicts per metric.");

    /// <summary>The service's current campaign is in <paramref name="state"/> (snake_case), as the activation <paramref name="owner"/> holds it.</summary>
    public static void StateIs(object owner, string service, string state) =>
        States.Set(owner, service, 1, [new(TagNames.Service, service), new(TagNames.State, state)]);

    /// <summary>The activation <paramref name="owner"/> ended: this silo no longer reports the service's campaign.</summary>
    public static void Forget(object owner, string service) => States.Remove(owner, service);

    /// <summary>A campaign of <paramref name="service"/> entered <paramref name="state"/> (snake_case).</summary>
    public static void Entered(string service, string state) =>
        Transitions.Add(1, new TagList { { TagNames.Service, service }, { TagNames.State, state } });

    /// <summary>A rollback finished after <paramref name="duration"/>.</summary>
    public static void RolledBack(string service, TimeSpan duration) =>
        Rollbacks.Record(duration.TotalSeconds, new TagList { { TagNames.Service, service } });

    /// <summary>
    /// One gate metric's judgement: its verdict counted, and its value, thresholds and verdict as the
    /// gauges' latest, so an alert can fire on the verdict or on the value against its threshold.
    /// </summary>
    public static void Judged(GateMeasurement m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var tags = new TagList { { TagNames.Service, m.Service }, { TagNames.Region, m.Region }, { TagNames.Gate, m.Gate }, { TagNames.Metric, m.Metric } };
        if (m.Value is { } value)
        {
            GateValues.Record(value, tags);
        }

        if (m.PassTarget is { } pass)
        {
            GateThresholds.Record(pass, With(tags, TagNames.Bound, "pass"));
        }

        if (m.StopAt is { } stop)
        {
            GateThresholds.Record(stop, With(tags, TagNames.Bound, "stop"));
        }

        GateVerdicts.Record(m.VerdictCode, tags);
        GateJudgements.Add(1, With(tags, TagNames.Verdict, m.Verdict));
    }

    private static TagList With(TagList tags, string key, string value)
    {
        var copy = tags;
        copy.Add(key, value);
        return copy;
    }

}

/// <summary>One gate metric as judged, in the terms the instruments report.</summary>
/// <param name="Service">The service.</param>
/// <param name="Region">The region.</param>
/// <param name="Gate">warm or hold.</param>
/// <param name="Metric">The metric's stable name, e.g. coverage_mean.</param>
/// <param name="Verdict">pass, inconclusive or fail.</param>
/// <param name="VerdictCode">0 pass, 1 inconclusive, 2 fail.</param>
/// <param name="Value">What was measured; null when there was nothing to measure.</param>
/// <param name="PassTarget">The pass target; null when only a stop rule applies.</param>
/// <param name="StopAt">The stop rule's value; null when none applies.</param>
public sealed record GateMeasurement(
    string Service, string Region, string Gate, string Metric, string Verdict, int VerdictCode, double? Value, double? PassTarget, double? StopAt);
