using Coordinator.Arms.Retrieval;

namespace Coordinator.EdgeTests.Arms;

public sealed class RerankerTests
{
    [Fact]
    public void Overlap_is_the_share_of_distinct_query_terms_present()
    {
        Assert.Equal(2.0 / 3, Reranker.Overlap(["a", "b", "c"], ["a", "x", "b", "b"]), 12);
        Assert.Equal(0, Reranker.Overlap([], ["a"]));
    }

    [Theory]
    [InlineData(new[] { "a", "b" }, new[] { "a", "x", "x", "b" }, 0.5)]
    [InlineData(new[] { "a", "b" }, new[] { "a", "b", "x" }, 1.0)]
    [InlineData(new[] { "a", "b" }, new[] { "a", "x", "b", "a" }, 1.0)]
    [InlineData(new[] { "a", "b", "c" }, new[] { "a", "x", "b", "x", "x", "a", "c" }, 0.6)]
    [InlineData(new[] { "a", "z" }, new[] { "x", "a" }, 1.0)]
    [InlineData(new[] { "z" }, new[] { "x", "a" }, 0.0)]
    public void Proximity_is_matched_terms_over_the_shortest_window_holding_them(string[] query, string[] terms, double expected)
    {
        Assert.Equal(expected, Reranker.Proximity(query, terms), 12);
    }

    [Fact]
    public void Overlap_can_overtake_the_retrieval_order()
    {
        var candidates = new RerankInput[]
        {
            new("first", ["a", "a", "a"], 2.0),
            new("second", ["a", "b", "c"], 1.5),
        };

        var byRetrieval = Reranker.Rerank(["a", "b", "c"], candidates, new RerankWeights(1, 0, 0));
        var byOverlap = Reranker.Rerank(["a", "b", "c"], candidates, new RerankWeights(0.5, 0.5, 0));

        Assert.Equal(["first", "second"], byRetrieval.Select(r => r.Id));
        Assert.Equal(["second", "first"], byOverlap.Select(r => r.Id));
        // second: 0.5 * 1.5 / 2 + 0.5 * 1; first: 0.5 * 1 + 0.5 / 3.
        Assert.Equal(0.875, byOverlap[0].Score, 12);
        Assert.Equal(0.5 + (0.5 / 3), byOverlap[1].Score, 12);
    }

    [Fact]
    public void Ties_keep_the_retrieval_order_and_nothing_in_gives_nothing_out()
    {
        var tied = Reranker.Rerank(["a"], [new("x", ["a"], 1), new("y", ["a"], 1)], new RerankWeights(0.5, 0.5, 0));
        Assert.Equal(["x", "y"], tied.Select(r => r.Id));
        Assert.Empty(Reranker.Rerank(["a"], [], new RerankWeights(1, 0, 0)));
    }
}
