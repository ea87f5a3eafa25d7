using Coordinator.Evaluation.Measures;

namespace Coordinator.EvaluationTests.Measures;

public sealed class CoverageTests
{
    [Fact]
    public void Counts_distinct_section_words_found_in_passages_of_that_section()
    {
        // Words of the target (function words dropped): caches, expire, ten, minutes = 4.
        // The caches passage carries "caches" and "minutes"; the other section's passage carries "expire" but does not count.
        var coverage = Coverage.Of("caches", "The caches expire in ten minutes.", [("caches", "Caches keep minutes."), ("queues", "Entries expire.")]);
        Assert.Equal(2.0 / 4, coverage, 9);
    }

    [Fact]
    public void Nothing_retrieved_from_the_section_is_zero_and_everything_is_one()
    {
        Assert.Equal(0, Coverage.Of("s", "alpha beta", [("t", "alpha beta")]));
        Assert.Equal(1, Coverage.Of("s", "Alpha, BETA!", [("s", "beta alpha gamma")]));
    }

    [Theory]
    [InlineData(1.0, CoverageLevel.Ok)]
    [InlineData(0.70, CoverageLevel.Ok)]
    [InlineData(0.6999, CoverageLevel.Warn)]
    [InlineData(0.60, CoverageLevel.Warn)]
    [InlineData(0.5999, CoverageLevel.Critical)]
    public void Levels_at_their_edges(double coverage, CoverageLevel level) => Assert.Equal(level, Coverage.LevelOf(coverage));
}
