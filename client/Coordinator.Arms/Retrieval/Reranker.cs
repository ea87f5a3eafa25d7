namespace Coordinator.Arms.Retrieval;

/// <summary>A candidate for the rerank stage: its id, its terms in order, and its retrieval score.</summary>
internal sealed record RerankInput(string Id, IReadOnlyList<string> Terms, double RetrievalScore);

/// <summary>A reranked candidate with its new score.</summary>
internal sealed record Reranked(string Id, double Score);

/// <summary>How much each signal weighs in the rerank score.</summary>
/// <param name="Retrieval">The retrieval score over the best candidate's.</param>
/// <param name="Overlap">The share of distinct query terms the candidate contains.</param>
/// <param name="Proximity">How close together the query terms it contains stand (1 = adjacent).</param>
internal sealed record RerankWeights(double Retrieval, double Overlap, double Proximity)
{
    public string Describe() => FormattableString.Invariant($"retrieval={Retrieval};overlap={Overlap};proximity={Proximity}");
}

/// <summary>
/// Rescores the retrieval stage's candidates: a weighted sum of the normalised retrieval score, the
/// query-term overlap and the proximity of the matched terms. Ties keep the retrieval order.
/// </summary>
internal static class Reranker
{
    public static IReadOnlyList<Reranked> Rerank(IReadOnlyList<string> queryTerms, IReadOnlyList<RerankInput> candidates, RerankWeights weights)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        var query = queryTerms.Distinct(StringComparer.Ordinal).ToArray();
        var best = candidates.Max(c => c.RetrievalScore);
        return candidates
            .Select((c, order) => (c.Id, order, Score:
                (weights.Retrieval * (best > 0 ? c.RetrievalScore / best : 0))
                + (weights.Overlap * Overlap(query, c.Terms))
                + (weights.Proximity * Proximity(query, c.Terms))))
            .OrderByDescending(x => x.Score).ThenBy(x => x.order)
            .Select(x => new Reranked(x.Id, x.Score))
            .ToArray();
    }

    /// <summary>Distinct query terms present over distinct query terms (0 for an empty query).</summary>
    public static double Overlap(IReadOnlyCollection<string> distinctQuery, IReadOnlyList<string> terms)
    {
        if (distinctQuery.Count == 0)
        {
            return 0;
        }

        var present = new HashSet<string>(terms, StringComparer.Ordinal);
        return (double)distinctQuery.Count(present.Contains) / distinctQuery.Count;
    }

    /// <summary>
    /// Matched distinct query terms over the length of the shortest run of terms holding them all:
    /// 1 when they stand side by side (or only one matches), 0 when none match.
    /// </summary>
    public static double Proximity(IReadOnlyCollection<string> distinctQuery, IReadOnlyList<string> terms)
    {
        var wanted = new HashSet<string>(distinctQuery, StringComparer.Ordinal);
        wanted.IntersectWith(terms);
        if (wanted.Count <= 1)
        {
            return wanted.Count;
        }

        var window = ShortestWindow(wanted, terms);
        return (double)wanted.Count / window;
    }

    /// <summary>The length of the shortest run of <paramref name="terms"/> containing every wanted term (all present).</summary>
    private static int ShortestWindow(HashSet<string> wanted, IReadOnlyList<string> terms)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var covered = 0;
        var best = int.MaxValue;
        var left = 0;
        for (var right = 0; right < terms.Count; right++)
        {
            if (!wanted.Contains(terms[right]))
            {
                continue;
            }

            counts[terms[right]] = counts.GetValueOrDefault(terms[right]) + 1;
            if (counts[terms[right]] == 1)
            {
                covered++;
            }

            while (covered == wanted.Count)
            {
                best = Math.Min(best, right - left + 1);
                if (wanted.Contains(terms[left]) && --counts[terms[left]] == 0)
                {
                    covered--;
                }

                left++;
            }
        }

        return best;
    }
}
