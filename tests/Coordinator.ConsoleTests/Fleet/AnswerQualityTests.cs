using Coordinator.Campaigns;
using Coordinator.Fleet.Http;

namespace Coordinator.ConsoleTests.Fleet;

public sealed class AnswerQualityTests
{
    /// <summary>Two documents: idf(cache) = ln(3/3) + 1 = 1 (both have it); idf(flush) = idf(evict) = ln(3/2) + 1.</summary>
    private static readonly LexicalEmbedder Embedder = new(["cache flush", "cache evict"]);

    private static readonly double Rare = Math.Log(1.5) + 1;

    [Fact]
    public void Coverage_is_the_share_of_the_section_terms_found_in_the_retrieved_passages()
    {
        // Section terms {alpha, beta, gamma, deploy} ("the" and "of" are stop words, "deploys" folds to "deploy").
        string[] section = ["The alpha of beta.", "Gamma deploys."];

        Assert.Equal(0.5, AnswerQuality.Coverage(section, ["beta deploy epsilon"]), 12);
        Assert.Equal(1.0, AnswerQuality.Coverage(section, ["alpha", "beta gamma deploy"]), 12);
        Assert.Equal(0.0, AnswerQuality.Coverage(section, []), 12);
        Assert.Equal(0.0, AnswerQuality.Coverage(["the of"], ["anything"]), 12);
    }

    [Fact]
    public void Lexical_tf_idf_weights_and_cosine_match_a_hand_computation()
    {
        var flushCache = Embedder.Embed("flush the cache");

        Assert.Equal(1.0, Embedder.Idf("cache"), 12);
        Assert.Equal(Rare, Embedder.Idf("flush"), 12);
        Assert.Equal(Math.Log(3) + 1, Embedder.Idf("unknown"), 12);
        Assert.Equal((1 + Math.Log(2)) * Rare, Embedder.Embed("flush flush")["flush"], 12);

        // q = (flush: r, cache: 1), s = (evict: r, cache: 1): cos = 1 / (1 + r²).
        Assert.Equal(1 / (1 + (Rare * Rare)), LexicalEmbedder.Cosine(flushCache, Embedder.Embed("evict cache")), 12);
        Assert.Equal(1.0, LexicalEmbedder.Cosine(flushCache, Embedder.Embed("Cache flush!")), 12);
        Assert.Equal(0.0, LexicalEmbedder.Cosine(flushCache, Embedder.Embed("the")), 12);
    }

    [Fact]
    public void Delta_s_is_one_minus_the_best_cosine_with_a_retrieved_sentence()
    {
        var oneMinusCos = 1 - (1 / (1 + (Rare * Rare)));

        Assert.Equal(oneMinusCos, AnswerQuality.DeltaS(Embedder, "Flush the cache?", ["Evict the cache."]), 12);
        Assert.Equal(0.0, AnswerQuality.DeltaS(Embedder, "Flush the cache?", ["Evict the cache. Flush the cache."]), 12);
        Assert.Equal(0.0, AnswerQuality.DeltaS(Embedder, "Flush the cache?", ["Evict the cache.", "Flush the cache."]), 12);
        Assert.Equal(1.0, AnswerQuality.DeltaS(Embedder, "Flush the cache?", []), 12);
    }

    [Theory]
    [InlineData(0.50, 0.47, LambdaState.Convergent)]
    [InlineData(0.50, 0.48, LambdaState.Convergent)]
    [InlineData(0.50, 0.49, LambdaState.Recursive)]
    [InlineData(0.50, 0.50, LambdaState.Recursive)]
    [InlineData(0.50, 0.51, LambdaState.Recursive)]
    [InlineData(0.50, 0.52, LambdaState.Divergent)]
    [InlineData(0.50, 0.54, LambdaState.Divergent)]
    [InlineData(0.50, 0.55, LambdaState.Chaotic)]
    public void Lambda_follows_the_change_of_delta_s_since_the_previous_answer(double previous, double now, LambdaState expected) =>
        Assert.Equal(expected, AnswerQuality.Lambda(previous, now));

    [Theory]
    [InlineData(LambdaState.Convergent, false, true)]
    [InlineData(LambdaState.Recursive, false, true)]
    [InlineData(LambdaState.Divergent, true, false)]
    [InlineData(LambdaState.Chaotic, true, false)]
    public void A_lambda_state_flips_only_when_the_answer_moved_away(LambdaState state, bool flipped, bool convergent) =>
        Assert.Equal((flipped, convergent), (AnswerQuality.Observe(state).Flipped, AnswerQuality.Observe(state).Convergent));

    [Fact]
    public void Every_demo_question_targets_a_section_of_the_shipped_corpus()
    {
        Assert.Empty(AskQuestions.MissingSections(AskQuestions.Handbook, Coordinator.Arms.Corpus.ArmCorpus.Shipped));
        Assert.Equal(Coordinator.Arms.Corpus.ArmCorpus.Shipped.Sections.Count * 2, AskQuestions.Handbook.Count);
    }
}
