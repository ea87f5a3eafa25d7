using Coordinator.Campaigns;
using Coordinator.Evaluation.Arms;
using Coordinator.Evaluation.Gold;
using Coordinator.Evaluation.Measures;
using Coordinator.Evaluation.Running;

namespace Coordinator.EvaluationTests.Running;

public sealed class ItemScoringTests
{
    private static readonly GoldItem Item = new("item", "q?", ["p1", "p2"], "anchor", "s", "Alpha beta gamma.");

    // Hand-chosen 2-d vectors: anchor along x; p1 along y; p2 along x; "delta." points away from the anchor.
    private static readonly Dictionary<string, ReadOnlyMemory<float>> Vectors = new()
    {
        ["anchor"] = new[] { 1f, 0f },
        ["p1"] = new[] { 0f, 1f },
        ["p2"] = new[] { 1f, 0f },
        ["Alpha."] = new[] { 1f, 1f },
        ["Beta gamma."] = new[] { 0f, 1f },
        ["Delta."] = new[] { -1f, 1f },
    };

    private static ScoredCall Call(int paraphrase, int seed, string section, string text, double ms) =>
        new(paraphrase, seed, new ArmAnswer("answer", [new ArmPassage("x", section, text)], new ArmStageTimings(1, 1, 1), null, null, ms));

    [Fact]
    public void Measures_match_the_hand_computed_values()
    {
        var calls = new[]
        {
            Call(0, 1, "s", "Alpha. Beta gamma.", 10),
            Call(1, 1, "s", "Alpha. Beta gamma.", 20),
            Call(0, 2, "t", "Delta.", 30),
            Call(1, 2, "s", "Alpha. Beta gamma.", 40),
        };

        var m = ItemScoring.Score(Item, [1, 2], calls, Vectors);

        var d45 = 1 - Math.Sqrt(0.5); // ΔS at 45°
        // p1: seed 1 finds "Beta gamma." (ΔS 0), seed 2 only "Delta." (45°): the worse is d45. p2: "Alpha." at 45° on both seeds.
        Assert.Equal(d45, m.DeltaSQuestion[0], 9);
        Assert.Equal(d45, m.DeltaSQuestion[1], 9);
        // ΔS(retrieved, anchor): p1 seed 2 retrieved only "Delta." (135°, clamped to 1).
        Assert.Equal(1, m.DeltaSAnchor[0], 9);
        Assert.Equal(d45, m.DeltaSAnchor[1], 9);
        Assert.Equal(DeltaSBand.Stable, m.Band);
        // Coverage: three calls found all three words of section s, one found none: 3/4.
        Assert.Equal(0.75, m.Coverage, 9);
        Assert.Equal(CoverageLevel.Ok, m.CoverageLevel);
        // λ seed 1: question→anchor mean (1 + 0)/2 = 0.5, retrieved→anchor mean d45 = 0.293: Δ -0.207, convergent.
        // λ seed 2: retrieved→anchor mean (1 + d45)/2 = 0.646: Δ +0.146, chaotic.
        Assert.Equal([LambdaState.Convergent, LambdaState.Chaotic], m.Lambda);
        Assert.Equal(25, m.LatencyMs, 9);
    }

    [Fact]
    public void A_missing_call_is_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => ItemScoring.Score(Item, [1], [Call(0, 1, "s", "Alpha.", 1)], Vectors));
        Assert.Contains("paraphrase 2, seed 1", ex.Message, StringComparison.Ordinal);
    }
}
