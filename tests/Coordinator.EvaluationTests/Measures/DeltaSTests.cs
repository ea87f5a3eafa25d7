using Coordinator.Evaluation.Measures;

namespace Coordinator.EvaluationTests.Measures;

public sealed class DeltaSTests
{
    [Fact]
    public void Same_direction_is_zero_and_orthogonal_is_one()
    {
        Assert.Equal(0, DeltaS.Between([1f, 2f], [2f, 4f]), 9);
        Assert.Equal(1, DeltaS.Between([1f, 0f], [0f, 3f]), 9);
    }

    [Fact]
    public void Sixty_degrees_is_one_half()
    {
        // cos 60° = 0.5, so ΔS = 0.5.
        Assert.Equal(0.5, DeltaS.Between([1f, 0f], [0.5f, MathF.Sqrt(3) / 2]), 6);
    }

    [Fact]
    public void Opposite_vectors_clamp_to_one()
    {
        Assert.Equal(-1, DeltaS.Cosine([1f, 0f], [-2f, 0f]), 9);
        Assert.Equal(1, DeltaS.Between([1f, 0f], [-2f, 0f]), 9);
    }

    [Fact]
    public void Mismatched_or_zero_vectors_are_refused()
    {
        Assert.Throws<ArgumentException>(() => DeltaS.Between([1f, 0f], [1f]));
        Assert.Throws<ArgumentException>(() => DeltaS.Between([0f, 0f], [1f, 0f]));
    }

    [Theory]
    [InlineData(0.0, DeltaSBand.Stable)]
    [InlineData(0.3999, DeltaSBand.Stable)]
    [InlineData(0.40, DeltaSBand.Transitional)]
    [InlineData(0.5999, DeltaSBand.Transitional)]
    [InlineData(0.60, DeltaSBand.Risk)]
    [InlineData(1.0, DeltaSBand.Risk)]
    public void Bands_at_their_edges(double deltaS, DeltaSBand band) => Assert.Equal(band, DeltaS.BandOf(deltaS));

    [Fact]
    public void Nearest_evidence_is_the_closest_sentence_and_none_is_one()
    {
        ReadOnlyMemory<float>[] evidence = [new[] { 0f, 1f }, new[] { 1f, 1f }];
        // cos 45° = 0.7071...: the second sentence is nearer than the orthogonal first one.
        Assert.Equal(1 - Math.Sqrt(0.5), Evidence.Nearest([1f, 0f], evidence), 6);
        Assert.Equal(1, Evidence.Nearest([1f, 0f], []));
    }

    [Fact]
    public void Sentences_split_after_end_marks()
    {
        Assert.Equal(["One two.", "Three?", "Four!"], Evidence.Sentences("One two. Three?  Four!"));
    }
}
