using Coordinator.Arms.Retrieval;

namespace Coordinator.EdgeTests.Arms;

public sealed class TextTermsTests
{
    [Fact]
    public void Words_are_lowercase_without_stop_words_single_letters_or_plural_s()
    {
        Assert.Equal(["deploy", "run", "region", "region", "cache", "hit"], TextTerms.Words("Deploys run, region by region! The cache's hits"));
    }

    [Fact]
    public void Words_ending_in_ss_us_or_is_keep_their_s_and_short_words_are_left_alone()
    {
        Assert.Equal(["class", "status", "analysis", "gas", "ops"], TextTerms.Words("class status analysis gas ops"));
    }

    [Fact]
    public void Digits_and_times_are_terms()
    {
        Assert.Equal(["09", "00", "16", "00"], TextTerms.Words("at 09:00 and 16:00"));
    }

    [Fact]
    public void Bigrams_follow_the_words_and_join_neighbours()
    {
        Assert.Equal(["hit", "ratio", "fall", "hit_ratio", "ratio_fall"], TextTerms.WordsAndBigrams("the hit ratio falls"));
    }

    [Fact]
    public void Sentences_split_before_a_capital_or_digit_and_not_inside_numbers()
    {
        Assert.Equal(
            ["The objective is 99.9 percent.", "The budget is 0.1 percent!", "Is it spent?", "30 days pass."],
            Sentences.Split("The objective is 99.9 percent. The budget is 0.1 percent! Is it spent? 30 days pass."));
    }
}
