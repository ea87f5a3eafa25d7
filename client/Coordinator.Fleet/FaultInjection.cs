using System.Globalization;
using Coordinator.Domain;

namespace Coordinator.Fleet;

/// <summary>What the simulation can degrade on Green; names follow the gate's metric vocabulary.</summary>
public enum FaultMetric
{
    /// <summary>Mean coverage of Green's answers (0-1): the warm gate and the hold's min_coverage stop rule.</summary>
    Coverage,

    /// <summary>Typical ΔS(question, retrieved) of Green (0-1): the warm gate and the ΔS drift stop rule.</summary>
    DeltaS,

    /// <summary>Green's latency as a multiple of Blue's (0.1-100): the hold's p95 target (inconclusive, never a stop).</summary>
    LatencyFactor,

    /// <summary>Share of Green requests that fail (0-1): the hold's error-rate target.</summary>
    ErrorRate,

    /// <summary>Share of Green requests answered with a 5xx (0-1): the max_5xx_rate stop rule.</summary>
    Http5xxRate,

    /// <summary>Share of Green λ observations that flip between seeds (0-1): the λ stop rule and the warm gate.</summary>
    LambdaFlipRate,

    /// <summary>Share of Green requests that show a tool-loop signal (0-1): the tool-loop stop rule.</summary>
    ToolLoopRate,
}

/// <summary>One <c>--inject region:metric=value</c>: Green in that region is degraded to that value.</summary>
public sealed record FaultInjection(string Region, FaultMetric Metric, double Value)
{
    public const string Option = "--inject";

    /// <summary>Canonical names first; the rest are accepted spellings.</summary>
    private static readonly (string Name, FaultMetric Metric)[] Names =
    [
        ("coverage", FaultMetric.Coverage),
        ("delta_s", FaultMetric.DeltaS),
        ("latency_factor", FaultMetric.LatencyFactor),
        ("error_rate", FaultMetric.ErrorRate),
        ("http_5xx_rate", FaultMetric.Http5xxRate),
        ("lambda_flip_rate", FaultMetric.LambdaFlipRate),
        ("tool_loop_rate", FaultMetric.ToolLoopRate),
        ("ds", FaultMetric.DeltaS),
        ("latency", FaultMetric.LatencyFactor),
        ("p95_factor", FaultMetric.LatencyFactor),
        ("errors", FaultMetric.ErrorRate),
        ("five_xx", FaultMetric.Http5xxRate),
        ("5xx", FaultMetric.Http5xxRate),
        ("lambda_flips", FaultMetric.LambdaFlipRate),
        ("lambda", FaultMetric.LambdaFlipRate),
        ("tool_loop", FaultMetric.ToolLoopRate),
        ("tool_loops", FaultMetric.ToolLoopRate),
    ];

    /// <summary>The metrics' canonical names, for messages and help.</summary>
    public static string KnownMetrics => string.Join(", ", Enum.GetValues<FaultMetric>().Select(NameOf));

    public static string NameOf(FaultMetric metric) => Names.First(n => n.Metric == metric).Name;

    public override string ToString() => $"{Region}:{NameOf(Metric)}={Value.ToString("0.###", CultureInfo.InvariantCulture)}";

    /// <summary>Parses one value; on failure adds an error naming <see cref="Option"/> and returns null.</summary>
    public static FaultInjection? Parse(string? text, ICollection<FieldError> errors)
    {
        var shown = text ?? string.Empty;
        FaultInjection? Fail(string reason)
        {
            errors.Add(new FieldError(Option, $"'{shown}' {reason}"));
            return null;
        }

        var colon = shown.IndexOf(':', StringComparison.Ordinal);
        var equals = shown.IndexOf('=', StringComparison.Ordinal);
        if (colon <= 0 || equals < colon + 2 || equals == shown.Length - 1)
        {
            return Fail("is not <region>:<metric>=<value>, e.g. ap-south:coverage=0.55");
        }

        var region = shown[..colon].Trim();
        var metricName = shown[(colon + 1)..equals].Trim().ToLowerInvariant();
        var valueText = shown[(equals + 1)..].Trim();
        var regionErrors = new List<FieldError>();
        NameRules.Check("region", region, regionErrors);
        if (regionErrors.Count > 0)
        {
            return Fail($"names an invalid region: {regionErrors[0].Reason}");
        }

        var match = Names.Where(n => n.Name == metricName).Select(n => (FaultMetric?)n.Metric).FirstOrDefault();
        if (match is not { } metric)
        {
            return Fail($"names an unknown metric '{metricName}'; use one of {KnownMetrics}");
        }

        if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return Fail($"has a value '{valueText}' that is not a number");
        }

        var (min, max) = metric == FaultMetric.LatencyFactor ? (0.1, 100.0) : (0.0, 1.0);
        if (value < min || value > max)
        {
            return Fail($"has {NameOf(metric)} {valueText}, outside {min.ToString(CultureInfo.InvariantCulture)}-{max.ToString(CultureInfo.InvariantCulture)}");
        }

        return new FaultInjection(region, metric, value);
    }

    /// <summary>Parses every value; a region may be degraded on several metrics but each metric only once.</summary>
    public static IReadOnlyList<FaultInjection> ParseAll(IEnumerable<string>? texts, ICollection<FieldError> errors)
    {
        var parsed = new List<FaultInjection>();
        foreach (var text in texts ?? [])
        {
            if (Parse(text, errors) is not { } injection)
            {
                continue;
            }

            if (parsed.Any(p => p.Region == injection.Region && p.Metric == injection.Metric))
            {
                errors.Add(new FieldError(Option, $"'{text}' degrades {injection.Region}:{NameOf(injection.Metric)} a second time"));
                continue;
            }

            parsed.Add(injection);
        }

        return parsed;
    }

    /// <summary>Adds an error for every injection into a region the fleet does not run.</summary>
    public static void CheckRegions(IEnumerable<FaultInjection> injections, IReadOnlyCollection<string> regions, ICollection<FieldError> errors)
    {
        foreach (var injection in injections.Where(i => !regions.Contains(i.Region)))
        {
            errors.Add(new FieldError(Option, $"'{injection}' names region '{injection.Region}', which is not one of the fleet's regions ({string.Join(", ", regions)})"));
        }
    }
}
