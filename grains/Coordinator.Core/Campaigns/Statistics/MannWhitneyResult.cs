namespace Coordinator.Campaigns;

/// <summary>
/// A two-sided Mann-Whitney U test of a first sample against a second, by the normal approximation
/// with the tie correction. Every figure is stated for the first sample: a positive
/// <see cref="Z"/> or <see cref="RankBiserial"/> means its values tend to be higher.
/// </summary>
public sealed record MannWhitneyResult
{
    /// <summary>Size of the first sample.</summary>
    public required long N1 { get; init; }

    /// <summary>Size of the second sample.</summary>
    public required long N2 { get; init; }

    /// <summary>U of the first sample: pairs (first, second) where first is higher, ties counting ½.</summary>
    public required double U { get; init; }

    /// <summary>U's mean under the null hypothesis, n1·n2/2.</summary>
    public double Mean => N1 * (double)N2 / 2;

    /// <summary>U's standard deviation under the null hypothesis, corrected for ties; 0 when every value is equal.</summary>
    public required double StandardDeviation { get; init; }

    /// <summary>Whether <see cref="Z"/> moved U half a unit towards the mean (the continuity correction).</summary>
    public required bool ContinuityCorrected { get; init; }

    /// <summary>(U − mean [∓ ½]) / σ; 0 when σ is 0.</summary>
    public required double Z { get; init; }

    /// <summary>Two-sided p-value from <see cref="Z"/>; 1 when σ is 0.</summary>
    public required double P { get; init; }

    /// <summary>Common-language effect size U / (n1·n2): P(first &gt; second) + ½·P(first = second).</summary>
    public double CommonLanguage => U / (N1 * (double)N2);

    /// <summary>Rank-biserial correlation 2·CL − 1, in [−1, 1]: +1 when every first value is above every second.</summary>
    public double RankBiserial => (2 * CommonLanguage) - 1;
}
