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
    /// <summary>
    /// Stage times standing in for model inference (ms): Blue's retrieve, rerank and reason. Long enough that a
    /// request's latency is mostly this real waiting, not the scheduling noise of a shared CPU.
    /// </summary>
    public static readonly (int Retrieve, int Rerank, int Reason) BlueStages = (10, 10, 40);

    /// <summary>Green's are a little shorter (its prompt is), as the simulated fleet had it.</summary>
    public static readonly (int Retrieve, int Rerank, int Reason) GreenStages = (10, 8, 36);

    /// <summary>
    /// The coverage the traffic measures on a whole Green index, and what each share of the index left out costs
    /// (measured on the shipped corpus with the demo's questions: 0.81 whole, 0.60 with 45 % of the passages left
    /// out). <c>coverage=V</c> leaves out the share that brings the measured coverage to about V.
    /// </summary>
    public const double WholeIndexCoverage = 0.81;

    /// <inheritdoc cref="WholeIndexCoverage"/>
    public const double CoverageLostPerDrop = 0.47;

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
            else if (injection.Metric == FaultMetric.Coverage && DropFor(injection.Value) > 0.9)
            {
                errors.Add(new FieldError(FaultInjection.Option,
                    $"'{injection}': coverage that low would leave out more than 90 % of the index, the most an arm drops; use at least {WholeIndexCoverage - (0.9 * CoverageLostPerDrop):0.00}"));
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
                FaultMetric.Coverage => options with { DropFraction = DropFor(injection.Value) },

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

    /// <summary>The share of Green's passages to leave out so the measured coverage falls to about <paramref name="coverage"/>.</summary>
    public static double DropFor(double coverage) => Math.Round(Math.Max(0, (WholeIndexCoverage - coverage) / CoverageLostPerDrop), 2);

    private static int Scale(int ms, double factor) => (int)Math.Round(ms * factor, MidpointRounding.AwayFromZero);
}
