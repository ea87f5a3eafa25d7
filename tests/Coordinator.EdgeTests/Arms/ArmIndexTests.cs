using Coordinator.Arms;
using Coordinator.Arms.Corpus;
using Coordinator.Arms.Retrieval;

namespace Coordinator.EdgeTests.Arms;

public sealed class ArmIndexTests
{
    private static readonly ArmCorpus Corpus = ArmCorpus.Shipped;

    [Fact]
    public void A_drop_plan_leaves_out_the_rounded_share_the_same_way_for_the_same_seed()
    {
        var plan = ArmIndex.DropPlan(Corpus, 0.4, seed: 7);

        Assert.Equal((int)Math.Round(0.4 * Corpus.Passages.Count, MidpointRounding.AwayFromZero), plan.Count);
        Assert.Equal(plan.Order(StringComparer.Ordinal), ArmIndex.DropPlan(Corpus, 0.4, seed: 7).Order(StringComparer.Ordinal));
        Assert.NotEqual(plan.Order(StringComparer.Ordinal), ArmIndex.DropPlan(Corpus, 0.4, seed: 8).Order(StringComparer.Ordinal));
        Assert.Empty(ArmIndex.DropPlan(Corpus, 0, seed: 7));
        Assert.All(plan, id => Assert.NotNull(Corpus.Find(id)));
    }

    [Fact]
    public void The_index_hash_follows_the_build()
    {
        var blue = ArmIndex.Build(Corpus, ArmRecipe.For(ArmBuild.Blue).Index, 0, 1);
        var green = ArmIndex.Build(Corpus, ArmRecipe.For(ArmBuild.Green).Index, 0, 1);
        var damaged = ArmIndex.Build(Corpus, ArmRecipe.For(ArmBuild.Green).Index, 0.4, 1);

        Assert.Matches("^idx-[0-9a-f]{16}$", blue.Hash);
        Assert.NotEqual(blue.Hash, green.Hash);
        Assert.NotEqual(green.Hash, damaged.Hash);
        Assert.Equal(green.Hash, ArmIndex.Build(Corpus, ArmRecipe.For(ArmBuild.Green).Index, 0, 1).Hash);
        Assert.Equal(Corpus.Passages.Count - damaged.Dropped.Count, damaged.Passages.Count);
    }

    [Theory]
    [InlineData(ArmBuild.Blue)]
    [InlineData(ArmBuild.Green)]
    public void Each_passage_is_found_in_the_top_three_by_its_own_first_sentence(ArmBuild build)
    {
        var recipe = ArmRecipe.For(build).Index;
        var index = ArmIndex.Build(Corpus, recipe, 0, 1);

        var missed = Corpus.Passages
            .Where(p => !index.Retrieve(recipe.Terms(Sentences.Split(p.Text)[0]), 3).Any(c => c.Passage.Id == p.Id))
            .Select(p => p.Id)
            .ToArray();

        Assert.Empty(missed);
    }

    [Fact]
    public void A_damaged_index_never_retrieves_a_dropped_passage()
    {
        var recipe = ArmRecipe.For(ArmBuild.Green).Index;
        var index = ArmIndex.Build(Corpus, recipe, 0.5, 3);

        var retrieved = Corpus.Passages.SelectMany(p => index.Retrieve(recipe.Terms(p.Text), 10)).Select(c => c.Passage.Id).ToHashSet();

        Assert.NotEmpty(retrieved);
        Assert.Empty(retrieved.Intersect(index.Dropped));
    }
}
