using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>Reduces a <see cref="SmokeReport"/> to a <see cref="SmokeSummary"/>; an evaluator can run it before submitting.</summary>
public static class SmokeSummariser
{
    /// <summary>
    /// An item is complete when it has at least <paramref name="paraphrases"/> ΔS values and
    /// <paramref name="seeds"/> λ states; incomplete items are listed and left out of every figure.
    /// </summary>
    public static SmokeSummary Summarise(SmokeReport report, int paraphrases, int seeds)
    {
        ArgumentNullException.ThrowIfNull(report);
        var items = report.Items ?? [];
        bool IsComplete(SmokeItem i) => i.DeltaS.Count >= paraphrases && i.Lambda.Count >= seeds;
        var complete = items.Where(IsComplete).ToList();
        var incomplete = items.Where(i => !IsComplete(i)).Select(i => i.Id).ToImmutableList();
        if (complete.Count == 0)
        {
            return new SmokeSummary
            {
                Items = items.Count,
                CompleteItems = 0,
                IncompleteItemIds = incomplete,
                NonConvergentItemIds = [],
            };
        }

        var worstPerItem = complete.Select(i => (i.Id, DeltaS: i.DeltaS.Max())).ToList();
        var worst = worstPerItem.MaxBy(w => w.DeltaS);
        var nonConvergent = complete.Where(i => i.Lambda.Any(l => l != LambdaState.Convergent)).Select(i => i.Id).ToImmutableList();
        var latencies = complete.Select(i => i.LatencyMs).ToList();
        return new SmokeSummary
        {
            Items = items.Count,
            CompleteItems = complete.Count,
            IncompleteItemIds = incomplete,
            DeltaSP95 = Percentile(worstPerItem.Select(w => w.DeltaS), 0.95),
            DeltaSWorst = worst.DeltaS,
            DeltaSWorstItemId = worst.Id,
            CoverageMean = complete.Average(i => i.Coverage),
            LambdaConvergence = (double)(complete.Count - nonConvergent.Count) / complete.Count,
            NonConvergentItemIds = nonConvergent,
            LatencyP50Ms = Percentile(latencies, 0.50),
            LatencyP95Ms = Percentile(latencies, 0.95),
        };
    }

    /// <summary>Nearest-rank percentile: the smallest value with at least <paramref name="p"/> of the values at or below it.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            throw new ArgumentException("No values to take a percentile of.", nameof(values));
        }

        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
