using Coordinator.Campaigns;

namespace Coordinator.Console.Rendering.Live;

/// <summary>Which wave, region and metric lines fit in a number of rows.</summary>
public static class BodyFit
{
    /// <summary>Metric rows a region holding or failing keeps before any other region's line gives way: its two worst metrics and "… N more".</summary>
    public const int MetricFloor = 3;

    /// <summary>
    /// Everything when it fits. Otherwise, one row at a time, in this order: metric lines beyond each
    /// region's <see cref="MetricFloor"/> (from the region with the most, so they end up shared
    /// evenly); lines of regions neither in progress nor holding or failing (far from the current wave
    /// first, last in their wave first); the remaining metric lines; then regions in progress, and
    /// last of all regions holding or failing. Only when one line per wave does not fit are the waves
    /// farthest from the current one left out, counted on a "… N more waves" line.
    /// </summary>
    /// <param name="metricCounts">Per region holding or failing, how many metric lines it has.</param>
    public static BodyLayout Fit(CampaignStatus status, IReadOnlyDictionary<string, int> metricCounts, int rows)
    {
        var waveCount = Math.Max(status.WaveCount, status.Regions.Select(r => r.WaveIndex + 1).DefaultIfEmpty(0).Max());
        var current = Math.Clamp(status.CurrentWave, 0, Math.Max(0, waveCount - 1));
        var byWave = Enumerable.Range(0, waveCount).Select(w => status.Regions.Where(r => r.WaveIndex == w).ToList()).ToList();
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        var quotas = new Dictionary<string, int>(metricCounts, StringComparer.Ordinal);

        BodyLayout Layout() => new(
            waveCount,
            [.. byWave.Select((regions, w) => new WaveBlock(w, regions, [.. regions.Where(r => !hidden.Contains(r.Region))]))],
            HiddenWaves: 0,
            quotas);

        var layout = Layout();
        foreach (var (drop, region) in Steps(status, current, metricCounts))
        {
            if (layout.LineCount <= rows)
            {
                return layout;
            }

            if (drop)
            {
                hidden.Add(region);
            }
            else
            {
                quotas[region]--;
            }

            layout = Layout();
        }

        if (layout.LineCount <= rows)
        {
            return layout;
        }

        var keep = Math.Clamp(rows - 1, 1, waveCount);
        var nearest = Enumerable.Range(0, waveCount).OrderBy(w => Math.Abs(w - current)).ThenBy(w => w).Take(keep).Order();
        return new BodyLayout(waveCount, [.. nearest.Select(w => new WaveBlock(w, byWave[w], []))], waveCount - keep, quotas);
    }

    /// <summary>The rows given up, in order: (false, region) takes one metric row from it, (true, region) hides its line.</summary>
    private static IEnumerable<(bool Drop, string Region)> Steps(CampaignStatus status, int current, IReadOnlyDictionary<string, int> metricCounts)
    {
        var order = status.Regions.Select(r => r.Region).ToList();
        var quotas = new Dictionary<string, int>(metricCounts, StringComparer.Ordinal);
        var dropOrder = status.Regions
            .Select((region, position) => (region, position, concern: Concern(region, current)))
            .OrderBy(x => x.concern)
            .ThenByDescending(x => Math.Abs(x.region.WaveIndex - current))
            .ThenByDescending(x => x.position)
            .ToList();

        foreach (var region in Shrink(quotas, order, name => Math.Min(metricCounts[name], MetricFloor)))
        {
            yield return (false, region);
        }

        foreach (var x in dropOrder.Where(x => x.concern < 2))
        {
            yield return (true, x.region.Region);
        }

        foreach (var region in Shrink(quotas, order, _ => 0))
        {
            yield return (false, region);
        }

        foreach (var x in dropOrder.Where(x => x.concern >= 2))
        {
            yield return (true, x.region.Region);
        }
    }

    /// <summary>One row at a time from the region with the most (the later one on a tie) until each is at its floor.</summary>
    private static IEnumerable<string> Shrink(Dictionary<string, int> quotas, List<string> order, Func<string, int> floor)
    {
        while (quotas.Where(q => q.Value > floor(q.Key)).Select(q => q.Key).OrderByDescending(k => quotas[k]).ThenByDescending(order.IndexOf).FirstOrDefault() is { } next)
        {
            quotas[next]--;
            yield return next;
        }
    }

    /// <summary>Higher is kept longer: holding or failing, then in progress, then in the current wave.</summary>
    private static int Concern(RegionProgress region, int currentWave) => region switch
    {
        _ when GateFocus.Of(region) is not null || region.RollbackBlocked is not null => 3,
        { Outcome: RegionOutcome.InProgress } => 2,
        _ when region.WaveIndex == currentWave => 1,
        _ => 0,
    };
}
