using Coordinator.Campaigns;

namespace Coordinator.Evaluation.Measures;

/// <summary>
/// λ: which way ΔS moves from one step to the next. A step's Δ = ΔS(step) − ΔS(previous step):
/// Δ ≤ −0.02 convergent, |Δ| &lt; 0.02 recursive, +0.02 ≤ Δ ≤ +0.04 divergent, Δ &gt; +0.04 chaotic.
/// Δ is rounded to 9 decimals first, so a value that is an edge on paper is that edge in floating point.
/// </summary>
public static class Lambda
{
    /// <summary>At or below this Δ a step converges.</summary>
    public const double ConvergentAtMost = -0.02;

    /// <summary>|Δ| below this is recursive.</summary>
    public const double RecursiveBelow = 0.02;

    /// <summary>Above this Δ a step is chaotic.</summary>
    public const double ChaoticAbove = 0.04;

    /// <summary>The state of one step's Δ.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Δ is not finite.</exception>
    public static LambdaState Classify(double delta)
    {
        if (!double.IsFinite(delta))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Δ must be a finite number.");
        }

        var d = Math.Round(delta, 9);
        return d <= ConvergentAtMost ? LambdaState.Convergent
            : Math.Abs(d) < RecursiveBelow ? LambdaState.Recursive
            : d > ChaoticAbove ? LambdaState.Chaotic
            : LambdaState.Divergent;
    }

    /// <summary>
    /// The state of a chain of ΔS values (one per step, in order): the worst step's state, worst first
    /// chaotic, then divergent, recursive, convergent. A chain converges only if every step moves closer.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two steps.</exception>
    public static LambdaState OfChain(IReadOnlyList<double> deltaS)
    {
        ArgumentNullException.ThrowIfNull(deltaS);
        if (deltaS.Count < 2)
        {
            throw new ArgumentException($"A chain needs at least two steps (got {deltaS.Count}).", nameof(deltaS));
        }

        return Enumerable.Range(1, deltaS.Count - 1).Select(i => Classify(deltaS[i] - deltaS[i - 1])).MaxBy(Severity);
    }

    /// <summary>Worse states rank higher.</summary>
    public static int Severity(LambdaState state) => state switch
    {
        LambdaState.Convergent => 0,
        LambdaState.Recursive => 1,
        LambdaState.Divergent => 2,
        _ => 3,
    };
}
