using Coordinator.Arms.Retrieval;

namespace Coordinator.EdgeTests.Arms;

public sealed class Bm25IndexTests
{
    // N = 3, lengths 2, 3, 1: average length 2.
    private static readonly Bm25Index Index = Bm25Index.Build([["a", "b"], ["b", "c", "c"], ["d"]], k1: 1.2, b: 0.75);

    [Fact]
    public void Idf_follows_the_non_negative_formula()
    {
        // df(c) = 1: ln(1 + 2.5 / 1.5); df(b) = 2: ln(1 + 1.5 / 2.5); an unseen term: ln(1 + 3.5 / 0.5).
        Assert.Equal(Math.Log(8.0 / 3), Index.Idf("c"), 12);
        Assert.Equal(Math.Log(1.6), Index.Idf("b"), 12);
        Assert.Equal(Math.Log(8), Index.Idf("zzz"), 12);
    }

    [Fact]
    public void A_term_scores_by_saturated_frequency_and_length()
    {
        // Document 1: tf 2, length 3, norm 1.2 * (0.25 + 0.75 * 3 / 2) = 1.65; score idf * 2 * 2.2 / (2 + 1.65).
        var hit = Assert.Single(Index.Search(["c"], 10));
        Assert.Equal(1, hit.Document);
        Assert.Equal(Math.Log(8.0 / 3) * 4.4 / 3.65, hit.Score, 12);
    }

    [Fact]
    public void Shorter_documents_rank_first_for_the_same_frequency()
    {
        // Document 0 (length 2, norm 1.2): idf; document 1 (norm 1.65): idf * 2.2 / 2.65.
        var hits = Index.Search(["b"], 10);
        Assert.Equal([0, 1], hits.Select(h => h.Document));
        Assert.Equal(Math.Log(1.6), hits[0].Score, 12);
        Assert.Equal(Math.Log(1.6) * 2.2 / 2.65, hits[1].Score, 12);
    }

    [Fact]
    public void Query_terms_count_once_scores_add_up_and_the_limit_holds()
    {
        Assert.Equal(Index.Search(["c"], 10), Index.Search(["c", "c"], 10));
        var both = Index.Search(["b", "c"], 10);
        Assert.Equal(Index.Search(["b"], 10)[1].Score + Index.Search(["c"], 10)[0].Score, both.Single(h => h.Document == 1).Score, 12);
        Assert.Single(Index.Search(["b", "c"], 1));
        Assert.Empty(Index.Search(["zzz"], 10));
    }

    [Fact]
    public void Bad_parameters_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Bm25Index.Build([["a"]], k1: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bm25Index.Build([["a"]], b: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Index.Search(["a"], -1));
    }
}
