using Coordinator.Campaigns;
using Coordinator.Client.Telemetry;

namespace Coordinator.Fleet.Http;

/// <summary>
/// The quality of one answer as the client that asked measures it, from the passages the arm returned:
/// coverage of the section the question targets, lexical ΔS(question, retrieved), and λ from the change of
/// ΔS since the previous answer to the same question. Pure.
/// </summary>
public static class AnswerQuality
{
    /// <summary>A ΔS change at or below this is convergent.</summary>
    public const double ConvergentBelow = -0.02;

    /// <summary>A ΔS change of less than this either way is recursive (the answer held).</summary>
    public const double RecursiveWithin = 0.02;

    /// <summary>A ΔS change above this is chaotic; between <see cref="RecursiveWithin"/> and this, divergent.</summary>
    public const double ChaoticAbove = 0.04;

    /// <summary>
    /// The distinct terms of the target section found in the retrieved passages, over the section's
    /// distinct terms; 0 for a section without terms.
    /// </summary>
    public static double Coverage(IEnumerable<string> sectionTexts, IEnumerable<string> retrievedTexts)
    {
        var section = sectionTexts.SelectMany(LexicalText.Terms).ToHashSet(StringComparer.Ordinal);
        if (section.Count == 0)
        {
            return 0;
        }

        var retrieved = retrievedTexts.SelectMany(LexicalText.Terms).ToHashSet(StringComparer.Ordinal);
        return (double)section.Count(retrieved.Contains) / section.Count;
    }

    /// <summary>
    /// 1 − the highest TF-IDF cosine between the question and a sentence of the retrieved passages: how far
    /// the closest retrieved text stands from the question; 1 when nothing was retrieved.
    /// </summary>
    public static double DeltaS(LexicalEmbedder embedder, string question, IEnumerable<string> retrievedTexts)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        var q = embedder.Embed(question);
        var best = retrievedTexts.SelectMany(LexicalText.Sentences)
            .Select(s => LexicalEmbedder.Cosine(q, embedder.Embed(s)))
            .DefaultIfEmpty(0)
            .Max();
        return 1 - best;
    }

    /// <summary>The λ state of the change from the previous ΔS of the same question to this one.</summary>
    public static LambdaState Lambda(double previousDeltaS, double deltaS)
    {
        // Rounded so a change of exactly a threshold is not moved across it by binary fractions.
        var change = Math.Round(deltaS - previousDeltaS, 9);
        return change <= ConvergentBelow ? LambdaState.Convergent
            : Math.Abs(change) < RecursiveWithin ? LambdaState.Recursive
            : change > ChaoticAbove ? LambdaState.Chaotic
            : LambdaState.Divergent;
    }

    /// <summary>
    /// A λ state as a live observation: flipped when the answer moved away (divergent or chaotic); steady
    /// otherwise. A recursive state counts as convergent here: with deterministic retrieval the same
    /// question re-asked gives the same ΔS, and that is the stable answer the gate asks for.
    /// </summary>
    public static LambdaObservation Observe(LambdaState state)
    {
        var steady = state is LambdaState.Convergent or LambdaState.Recursive;
        return new LambdaObservation(Flipped: !steady, Convergent: steady);
    }
}
