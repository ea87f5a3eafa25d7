using Coordinator.Arms.Answering;
using Coordinator.Arms.Corpus;

namespace Coordinator.EdgeTests.Arms;

public sealed class PromptTests
{
    private static Passage P(string id, string text) => new(id, "s", "S", text);

    [Fact]
    public void Prompt_v1_quotes_the_first_two_sentences_of_the_best_passage_whatever_the_seed()
    {
        var ranked = new[] { P("p1", "Zeta one. Zeta two. Alpha beta gamma."), P("p2", "Alpha beta gamma.") };

        Assert.Equal("Zeta one. Zeta two.", new PromptV1().Compose(["alpha"], ranked, 1));
        Assert.Equal(new PromptV1().Compose(["alpha"], ranked, 1), new PromptV1().Compose(["alpha"], ranked, 2));
        Assert.Equal(AnswerText.NothingFound, new PromptV1().Compose(["alpha"], [], 1));
    }

    [Fact]
    public void Prompt_v2_quotes_the_best_matching_sentences_across_passages_with_their_sources()
    {
        var ranked = new[] { P("p1", "Zeta one. Alpha beta. Omega."), P("p2", "Beta alpha gamma. Delta.") };

        Assert.Equal("Beta alpha gamma. Alpha beta. (sources: p2, p1)", new PromptV2().Compose(["alpha", "beta", "gamma"], ranked, 1));
        Assert.Equal(AnswerText.NothingFound, new PromptV2().Compose(["alpha"], [], 1));
    }

    [Fact]
    public void Prompt_v2_leaves_out_a_second_sentence_sharing_under_half_as_many_words()
    {
        var ranked = new[] { P("p1", "Alpha beta gamma delta. Zeta alpha. Omega.") };

        Assert.Equal("Alpha beta gamma delta. (sources: p1)", new PromptV2().Compose(["alpha", "beta", "gamma", "delta"], ranked, 1));
    }

    [Fact]
    public void Prompt_v2_breaks_ties_by_the_seed_the_same_way_every_time()
    {
        var ranked = new[] { P("p1", "Alpha one. Alpha two. Alpha three. Alpha four. Alpha five.") };
        var answers = Enumerable.Range(0, 20).Select(seed => new PromptV2().Compose(["alpha"], ranked, seed)).ToArray();

        Assert.True(answers.Distinct().Count() > 1, "every seed chose the same sentences among equals");
        Assert.Equal(answers, Enumerable.Range(0, 20).Select(seed => new PromptV2().Compose(["alpha"], ranked, seed)));
    }
}
