using Coordinator.Campaigns;
using Coordinator.Evaluation.Measures;

namespace Coordinator.EvaluationTests.Measures;

public sealed class LambdaTests
{
    [Theory]
    [InlineData(-0.50, LambdaState.Convergent)]
    [InlineData(-0.02, LambdaState.Convergent)]
    [InlineData(-0.0199, LambdaState.Recursive)]
    [InlineData(0.0, LambdaState.Recursive)]
    [InlineData(0.0199, LambdaState.Recursive)]
    [InlineData(0.02, LambdaState.Divergent)]
    [InlineData(0.04, LambdaState.Divergent)]
    [InlineData(0.0401, LambdaState.Chaotic)]
    [InlineData(0.60, LambdaState.Chaotic)]
    public void Step_states_at_the_band_edges(double delta, LambdaState state) => Assert.Equal(state, Lambda.Classify(delta));

    [Fact]
    public void An_edge_reached_by_subtraction_is_still_the_edge()
    {
        // 0.48 - 0.50 is -0.020000000000000018 in floating point; on paper it is the convergent edge.
        Assert.Equal(LambdaState.Convergent, Lambda.OfChain([0.50, 0.48]));
        Assert.Equal(LambdaState.Divergent, Lambda.OfChain([0.30, 0.34]));
    }

    [Fact]
    public void A_chain_is_as_convergent_as_its_worst_step()
    {
        Assert.Equal(LambdaState.Convergent, Lambda.OfChain([0.6, 0.5, 0.3]));
        Assert.Equal(LambdaState.Recursive, Lambda.OfChain([0.6, 0.5, 0.49]));
        Assert.Equal(LambdaState.Chaotic, Lambda.OfChain([0.6, 0.3, 0.5]));
    }

    [Fact]
    public void A_chain_needs_two_steps_and_finite_deltas()
    {
        Assert.Throws<ArgumentException>(() => Lambda.OfChain([0.5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Lambda.Classify(double.NaN));
    }
}
