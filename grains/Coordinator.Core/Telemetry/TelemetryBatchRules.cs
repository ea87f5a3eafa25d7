using Coordinator.Campaigns;

namespace Coordinator.Telemetry;

/// <summary>What a telemetry batch must satisfy before it is added to an arm's series. Pure.</summary>
public static class TelemetryBatchRules
{
    /// <summary>How far ahead of the coordinator's clock a reporter's clock may run.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Every reason to refuse <paramref name="batch"/> for the grain of (service, region, arm); empty when it is fine.</summary>
    public static List<FieldError> Check(TelemetryBatch? batch, string service, string region, Arm arm, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        if (batch is null)
        {
            errors.Add(new FieldError("batch", "is required"));
            return errors;
        }

        if (batch.Service != service || batch.Region != region || batch.Arm != arm)
        {
            errors.Add(new FieldError("batch.key", $"the batch is for {batch.Service}/{batch.Region}/{batch.Arm.ToWire()}, this grain is {service}/{region}/{arm.ToWire()}"));
        }

        if (batch.Versions is null)
        {
            errors.Add(new FieldError("batch.versions", "is required"));
        }
        else
        {
            foreach (var field in ManifestFields.Pinned)
            {
                Required("batch.versions." + field.Name, field.GetPinned!(batch.Versions), errors);
            }
        }

        if (batch.To < batch.From)
        {
            errors.Add(new FieldError("batch.to", $"{batch.To:O} is before from {batch.From:O}"));
        }
        else if (batch.To > now + MaxClockSkew)
        {
            errors.Add(new FieldError("batch.to", $"{batch.To:O} is more than {MaxClockSkew.TotalMinutes} minutes ahead of the coordinator ({now:O})"));
        }

        var requests = batch.RequestCount;
        Range("batch.request_count", requests, 0, long.MaxValue, errors);
        Range("batch.error_count", batch.ErrorCount, 0, requests, errors);
        Range("batch.http_5xx_count", batch.Http5xxCount, 0, batch.ErrorCount, errors);
        Histogram("batch.latency", batch.Latency, HistogramScale.LatencyMs, requests, exact: true, errors);
        Histogram("batch.retrieve_latency", batch.RetrieveLatency, HistogramScale.LatencyMs, requests, exact: false, errors);
        Histogram("batch.rerank_latency", batch.RerankLatency, HistogramScale.LatencyMs, requests, exact: false, errors);
        Histogram("batch.reason_latency", batch.ReasonLatency, HistogramScale.LatencyMs, requests, exact: false, errors);

        // Quality samples come with requests or as observations of their own (never more than both together).
        Range("batch.quality_observations", batch.QualityObservations, 0, long.MaxValue, errors);
        var judged = requests >= 0 && batch.QualityObservations >= 0 ? requests + Math.Min(batch.QualityObservations, long.MaxValue - requests) : requests;
        var deltaS = Histogram("batch.delta_s", batch.DeltaS, HistogramScale.UnitInterval, judged, exact: false, errors);
        Sum("batch.delta_s_sum", batch.DeltaSSum, deltaS, errors);
        Range("batch.coverage_count", batch.CoverageCount, 0, judged, errors);
        Sum("batch.coverage_sum", batch.CoverageSum, batch.CoverageCount, errors);
        Range("batch.lambda_samples", batch.LambdaSamples, 0, judged, errors);
        Range("batch.lambda_flipped", batch.LambdaFlipped, 0, batch.LambdaSamples, errors);
        Range("batch.lambda_convergent", batch.LambdaConvergent, 0, batch.LambdaSamples, errors);
        Range("batch.tool_loop_signals", batch.ToolLoopSignals, 0, long.MaxValue, errors);
        return errors;
    }

    private static void Required(string field, string? value, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, "is required"));
        }
    }

    private static void Range(string field, long value, long min, long max, List<FieldError> errors)
    {
        if (value < min || value > max)
        {
            errors.Add(new FieldError(field, max == long.MaxValue ? $"{value} is negative" : $"{value} is outside {min}..{max}"));
        }
    }

    /// <summary>A sum of scores in [0, 1] over <paramref name="count"/> samples lies in [0, count].</summary>
    private static void Sum(string field, double sum, long count, List<FieldError> errors)
    {
        if (!double.IsFinite(sum) || sum < 0 || sum > count)
        {
            errors.Add(new FieldError(field, $"{sum} is outside 0..{count}, the sum of {count} scores between 0 and 1"));
        }
    }

    private static long Histogram(string field, HistogramCounts? counts, HistogramScale scale, long requests, bool exact, List<FieldError> errors)
    {
        if (counts is null)
        {
            errors.Add(new FieldError(field, "is required"));
            return 0;
        }

        if (counts.Scale != scale)
        {
            errors.Add(new FieldError(field, $"is on the {counts.Scale} scale, expected {scale}"));
            return 0;
        }

        if (Coordinator.Campaigns.Histogram.Problem(counts) is { } problem)
        {
            errors.Add(new FieldError(field, problem));
            return 0;
        }

        var total = counts.Total;
        if (exact ? total != requests : total > requests)
        {
            errors.Add(new FieldError(field, $"holds {total} values for {requests} requests"));
        }

        return total;
    }
}
