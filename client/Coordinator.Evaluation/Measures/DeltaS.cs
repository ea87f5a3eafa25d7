namespace Coordinator.Evaluation.Measures;

/// <summary>The semantic tension of two texts' embeddings, as the gates judge it.</summary>
public enum DeltaSBand
{
    /// <summary>ΔS &lt; 0.40.</summary>
    Stable,

    /// <summary>0.40 ≤ ΔS &lt; 0.60.</summary>
    Transitional,

    /// <summary>ΔS ≥ 0.60.</summary>
    Risk,
}

/// <summary>ΔS = 1 − cos(a, b) of two embeddings, and its bands.</summary>
public static class DeltaS
{
    /// <summary>Below this ΔS is stable.</summary>
    public const double StableBelow = 0.40;

    /// <summary>At or above this ΔS is risk.</summary>
    public const double RiskFrom = 0.60;

    /// <summary>
    /// 1 − cos(a, b), clamped to [0, 1]: a vector pointing away (cos &lt; 0) is as far as an unrelated one for
    /// the gates, and smoke reports carry ΔS in [0, 1].
    /// </summary>
    /// <exception cref="ArgumentException">The vectors differ in length, are empty, zero or not finite.</exception>
    public static double Between(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Math.Clamp(1 - Cosine(a, b), 0, 1);

    /// <summary>The cosine of the angle between two vectors.</summary>
    /// <exception cref="ArgumentException">The vectors differ in length, are empty, zero or not finite.</exception>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            throw new ArgumentException($"Embeddings must have the same, non-zero length (got {a.Length} and {b.Length}).", nameof(b));
        }

        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        var cos = dot / (Math.Sqrt(na) * Math.Sqrt(nb));
        return double.IsFinite(cos)
            ? Math.Clamp(cos, -1, 1)
            : throw new ArgumentException("An embedding is zero or not finite: no angle to measure.", nameof(a));
    }

    /// <summary>The band a ΔS falls in.</summary>
    public static DeltaSBand BandOf(double deltaS) => deltaS switch
    {
        < StableBelow => DeltaSBand.Stable,
        < RiskFrom => DeltaSBand.Transitional,
        _ => DeltaSBand.Risk,
    };
}
