using System.Globalization;

namespace Coordinator.Campaigns;

/// <summary>
/// The hold's statistical judge for one metric: a two-sided Mann-Whitney test of Green's histogram
/// against Blue's baseline histogram over the same metric. Green worse (higher, for a metric where
/// lower is better) with p &lt; α fails; fewer than the minimum points on either side, or a side without a
/// histogram, is inconclusive; anything else passes. Buckets are tie groups, so the test sees values
/// at the histogram's resolution (latency: 10 % wide buckets; ΔS: 0.005 wide).
/// </summary>
public static class RankJudge
{
    /// <summary>The verdict and its reason with n, U, z, p and the effect sizes.</summary>
    public static (GateVerdict Verdict, string Reason) Judge(
        HistogramCounts? green, HistogramCounts? blue, MetricDirection direction, double alpha, long minPoints,
        string greenName = "green", string blueName = "blue")
    {
        if (green is null || blue is null)
        {
            var missing = green is null ? greenName : blueName;
            return (GateVerdict.Inconclusive, $"inconclusive: the {missing} window carries no histogram (taken before the judge existed)");
        }

        var (n1, n2) = (green.Total, blue.Total);
        if (n1 < minPoints || n2 < minPoints)
        {
            return (GateVerdict.Inconclusive, $"inconclusive: too few points ({greenName} {n1}, {blueName} {n2}; at least {minPoints} each)");
        }

        var test = MannWhitney.Test(green, blue);
        var higher = test.Z > 0;
        var worse = test.Z != 0 && (direction == MetricDirection.LowerIsBetter ? higher : !higher);
        var figures = $"U {Number(test.U)}, z {Number(test.Z)}, p {P(test.P)}, rank-biserial r {Number(test.RankBiserial)}, "
            + $"P({greenName} > {blueName}) {Number(test.CommonLanguage)}, n {n1}/{n2}";
        if (worse && test.P < alpha)
        {
            return (GateVerdict.Fail, $"{greenName} {(higher ? "higher" : "lower")} than {blueName}, p {P(test.P)} < α {P(alpha)} ({figures})");
        }

        var why = test.P < alpha
            ? $"{greenName} {(higher ? "higher" : "lower")} than {blueName}, which is better"
            : $"no difference at α {P(alpha)}";
        return (GateVerdict.Pass, $"{why} ({figures})");
    }

    private static string Number(double value) => Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);

    // Small p-values matter in their exponent, not their sixth decimal.
    private static string P(double p) => p.ToString(p < 0.001 ? "0.##e0" : "0.####", CultureInfo.InvariantCulture);
}
