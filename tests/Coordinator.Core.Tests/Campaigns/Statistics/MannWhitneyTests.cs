using Coordinator.Campaigns;

namespace Coordinator.Core.Tests.Campaigns.Statistics;

public sealed class MannWhitneyTests
{
    // Rosie Shier, "Statistics: 2.3 The Mann-Whitney U Test", Mathematics Learning Support Centre, 2004:
    // ages at diagnosis of type II diabetes; U_M = 17 for the males, p ≈ 0.09 by the normal approximation
    // without the continuity correction. SciPy's mannwhitneyu documentation works the same example and
    // gives p = 0.11134688653314041 with the correction and 0.0864107329737 without.
    private static readonly double[] Males = [19, 22, 16, 29, 24];
    private static readonly double[] Females = [20, 11, 17, 12];

    [Fact]
    public void The_diabetes_example_gives_the_published_u_and_p_with_and_without_the_continuity_correction()
    {
        var corrected = MannWhitney.Test(Males, Females);
        var plain = MannWhitney.Test(Males, Females, continuity: false);

        Assert.Equal(17, corrected.U);
        Assert.Equal(0.11134688653314041, corrected.P, 1e-9);
        Assert.Equal(0.0864107329737, plain.P, 1e-9);
        Assert.True(corrected.ContinuityCorrected);
        Assert.False(plain.ContinuityCorrected);
        Assert.Equal(17.0 / 20, corrected.CommonLanguage, 12);
    }

    [Fact]
    public void The_tortoise_and_hare_race_gives_the_published_u_for_each_side()
    {
        // Wikipedia, "Mann–Whitney U test", illustration: finishing order T H H H H H T T T T T H gives
        // U_T = 11 and U_H = 25, counting a win as finishing ahead (a lower position). Our U counts the
        // first sample's higher values, so a side's wins are the other side's U.
        double[] tortoises = [1, 7, 8, 9, 10, 11];
        double[] hares = [2, 3, 4, 5, 6, 12];

        var haresFirst = MannWhitney.Test(hares, tortoises);
        var tortoisesFirst = MannWhitney.Test(tortoises, hares);

        Assert.Equal(11, haresFirst.U);
        Assert.Equal(25, tortoisesFirst.U);

        // By hand: mean 18, σ = √(36·13/12) = √39, z = (25 − 18 − ½)/√39 = 1.040833, p = erfc(z/√2) = 0.297953.
        Assert.Equal(Math.Sqrt(39), tortoisesFirst.StandardDeviation, 12);
        Assert.Equal(1.0408329997330663, tortoisesFirst.Z, 9);
        Assert.Equal(0.2979530616081678, tortoisesFirst.P, 9);
    }

    [Fact]
    public void Ties_get_average_ranks_and_shrink_the_variance()
    {
        // By hand: pooled 1x 2x 2x 2y 3x 3y 3y 4y; ranks 1, 3, 3, 3, 6, 6, 6, 8; R_x = 13, U_x = 13 − 10 = 3.
        // Two tie groups of 3: Σ(t³ − t) = 48; σ² = 16/12 · (9 − 48/56) = 10.857143;
        // z = (3 − 8 + ½)/σ = −1.365698; p = 0.172034.
        var result = MannWhitney.Test([1, 2, 2, 3], [2, 3, 3, 4]);

        Assert.Equal(3, result.U);
        Assert.Equal(10.857142857142856, result.StandardDeviation * result.StandardDeviation, 9);
        Assert.Equal(-1.365698202000489, result.Z, 9);
        Assert.Equal(0.17203370892182296, result.P, 9);
        Assert.Equal((3.0 / 16 * 2) - 1, result.RankBiserial, 12);
    }

    [Fact]
    public void All_equal_samples_show_no_difference()
    {
        var result = MannWhitney.Test([5, 5, 5], [5, 5, 5, 5]);

        Assert.Equal(6, result.U);
        Assert.Equal(0, result.StandardDeviation);
        Assert.Equal((0.0, 1.0, 0.0, 0.5), (result.Z, result.P, result.RankBiserial, result.CommonLanguage));
    }

    [Fact]
    public void One_value_a_side_is_never_significant_and_the_correction_can_reach_zero()
    {
        var corrected = MannWhitney.Test([1], [2]);
        var plain = MannWhitney.Test([1], [2], continuity: false);

        // σ = √(1·1/12 · 3) = ½; corrected |U − mean| = max(0, ½ − ½) = 0; plain z = −1, p = 0.317311.
        Assert.Equal((0.0, 0.0, 1.0, -1.0), (corrected.U, corrected.Z, corrected.P, corrected.RankBiserial));
        Assert.Equal(-1, plain.Z, 12);
        Assert.Equal(0.31731050786291415, plain.P, 9);
    }

    [Fact]
    public void Swapping_the_sides_flips_the_direction_and_keeps_the_p_value()
    {
        var random = new Random(7);
        var a = Enumerable.Range(0, 80).Select(_ => Math.Round(random.NextDouble() * 20)).ToArray();
        var b = Enumerable.Range(0, 60).Select(_ => Math.Round((random.NextDouble() * 20) + 3)).ToArray();

        var ab = MannWhitney.Test(a, b);
        var ba = MannWhitney.Test(b, a);

        Assert.Equal(80 * 60, ab.U + ba.U, 9);
        Assert.Equal(-ab.Z, ba.Z, 12);
        Assert.Equal(ab.P, ba.P, 15);
        Assert.Equal(-ab.RankBiserial, ba.RankBiserial, 12);
        Assert.True(ab.Z < 0, $"a is drawn lower than b, so z should be negative (got {ab.Z})");
    }

    [Fact]
    public void Histograms_are_tested_as_their_bucket_values_with_one_tie_group_per_bucket()
    {
        var random = new Random(11);
        var green = Enumerable.Range(0, 300).Select(_ => 100 + (random.NextDouble() * 300)).ToArray();
        var blue = Enumerable.Range(0, 250).Select(_ => 90 + (random.NextDouble() * 280)).ToArray();
        var (greenHistogram, blueHistogram) = (new Histogram(HistogramScale.LatencyMs), new Histogram(HistogramScale.LatencyMs));
        Array.ForEach(green, v => greenHistogram.Record(v));
        Array.ForEach(blue, v => blueHistogram.Record(v));
        static double Binned(double v) => Histogram.ValueOf(HistogramScale.LatencyMs, Histogram.BucketOf(HistogramScale.LatencyMs, v));

        var fromHistograms = MannWhitney.Test(greenHistogram.ToCounts(), blueHistogram.ToCounts());
        var fromBinnedValues = MannWhitney.Test(green.Select(Binned), blue.Select(Binned));

        Assert.Equal(fromBinnedValues.U, fromHistograms.U, 9);
        Assert.Equal(fromBinnedValues.StandardDeviation, fromHistograms.StandardDeviation, 9);
        Assert.Equal(fromBinnedValues.P, fromHistograms.P, 12);
        Assert.Equal((300L, 250L), (fromHistograms.N1, fromHistograms.N2));
    }

    [Fact]
    public void Empty_sides_non_finite_values_and_mixed_scales_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MannWhitney.Test([], [1.0]));
        Assert.Throws<ArgumentException>(() => MannWhitney.Test([double.NaN], [1.0]));
        Assert.Throws<ArgumentException>(() => MannWhitney.Test(HistogramCounts.Empty(HistogramScale.LatencyMs), HistogramCounts.Empty(HistogramScale.UnitInterval)));
        Assert.Throws<ArgumentException>(() => MannWhitney.Test([(2L, -1L)]));
    }

    [Theory]
    // Reference values of erfc (Abramowitz and Stegun, table 7.1; CPython's math.erfc agrees), on both
    // sides of the switch from the series to the continued fraction at 3.
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(2.9, 4.109787809945886e-05)]
    [InlineData(3.0, 2.2090496998585438e-05)]
    [InlineData(5.0, 1.5374597944280351e-12)]
    [InlineData(10.0, 2.088487583762545e-45)]
    public void The_complementary_error_function_matches_reference_values(double x, double expected)
    {
        Assert.Equal(1, NormalTail.Erfc(x) / expected, 1e-9);
        Assert.Equal(2 - expected, NormalTail.Erfc(-x), 1e-12);
    }
}
