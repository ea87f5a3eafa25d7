using Coordinator.Arms;
using Coordinator.Fleet;

namespace Coordinator.Console.Commands.Demo;

/// <summary>
/// The demo's real arms: Blue and Green per region, their stage times, and <c>--inject</c> turned into
/// configuration of one region's Green (a partial index, added stage time, failed answers), never into
/// rewritten numbers.
/// </summary>
public static class DemoArms
{
    /// <summary>Stage times standing in for model inference (ms): Blue's retrieve, rerank and reason.</summary>
    public static readonly (int Retrieve, int Rerank, int Reason) BlueStages = (4, 4, 12);

    /// <summary>Green's are a little shorter (its prompt is), as the simulated fleet had it.</summary>
    public static readonly (int Retrieve, int Rerank, int Reason) GreenStages = (4, 3, 11);

    /// <summary>Metrics real arms cannot be configured to degrade yet.</summary>
    private static readonly FaultMetric[] Unsupported = [FaultMetric.DeltaS, FaultMetric.LambdaFlipRate, FaultMetric.ToolLoopRate];

    /// <summary>Errors for injections the real arms cannot honour, each naming <c>--inject</c>.</summary>
    public static IReadOnlyList<FieldError> Check(IReadOnlyList<FaultInjection> injections)
    {
        var errors = new List<FieldError>();
        foreach (var injection in injections)
        {
            if (Unsupported.Contains(injection.Metric))
            {
                errors.Add(new FieldError(FaultInjection.Option,
                    $"'{injection}': the demo's real arms cannot be degraded on {FaultInjection.NameOf(injection.Metric)}; "
                    + "use coverage (a partial index), latency_factor (slower stages), http_5xx_rate or error_rate (failed answers)"));
            }
            else if (injection.Metric == FaultMetric.Coverage && 1 - injection.Value > 0.9)
            {
                errors.Add(new FieldError(FaultInjection.Option,
                    $"'{injection}': coverage below 0.1 would leave out more than 90 % of the index, the most an arm drops"));
            }
        }

        foreach (var region in injections.GroupBy(i => i.Region).Where(g => g.Count(i => i.Metric is FaultMetric.ErrorRate or FaultMetric.Http5xxRate) > 1))
        {
            errors.Add(new FieldError(FaultInjection.Option, $"{region.Key}: error_rate and http_5xx_rate both set the share of Green's failed answers; give one"));
        }

        return errors;
    }

    /// <summary>The options of one arm of one region: the build's stage times, and Green's injections.</summary>
    public static ArmOptions Configure(string region, ArmOptions defaults, IReadOnlyList<FaultInjection> injections)
    {
        var green = defaults.Build == ArmBuild.Green;
        var stages = green ? GreenStages : BlueStages;
        var options = defaults with { RetrieveDelayMs = stages.Retrieve, RerankDelayMs = stages.Rerank, ReasonDelayMs = stages.Reason };
        if (!green)
        {
            return options;
        }

        foreach (var injection in injections.Where(i => i.Region == region))
        {
            options = injection.Metric switch
            {
                // A partial index: the share of passages left out is what coverage loses.
                FaultMetric.Coverage => options with { DropFraction = Math.Round(1 - injection.Value, 2) },

                // Green's stages take that multiple of Blue's.
                FaultMetric.LatencyFactor => options with
                {
                    RetrieveDelayMs = Scale(BlueStages.Retrieve, injection.Value),
                    RerankDelayMs = Scale(BlueStages.Rerank, injection.Value),
                    ReasonDelayMs = Scale(BlueStages.Reason, injection.Value),
                },

                // A failed answer is a 5xx: the only way a real arm fails, so error_rate is judged by the 5xx rule too.
                FaultMetric.Http5xxRate or FaultMetric.ErrorRate => options with { FaultFraction = injection.Value, FaultStatus = 500 },
                _ => options,
            };
        }

        return options;
    }

    /// <summary>How a region's Green was degraded, for the summary; null when it was not.</summary>
    public static string? Describe(ArmOptions green)
    {
        var parts = new List<string>();
        if (green.DropFraction > 0)
        {
            parts.Add(FormattableString.Invariant($"drop_fraction={green.DropFraction}"));
        }

        if ((green.RetrieveDelayMs, green.RerankDelayMs, green.ReasonDelayMs) != GreenStages)
        {
            parts.Add(FormattableString.Invariant($"stage_ms={green.RetrieveDelayMs}/{green.RerankDelayMs}/{green.ReasonDelayMs}"));
        }

        if (green.FaultFraction > 0)
        {
            parts.Add(FormattableString.Invariant($"fault_fraction={green.FaultFraction} (status {green.FaultStatus})"));
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static int Scale(int ms, double factor) => (int)Math.Round(ms * factor, MidpointRounding.AwayFromZero);
}
