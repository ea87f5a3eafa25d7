using Coordinator.Campaigns;

namespace Coordinator.Console.Rendering.Live;

/// <summary>One wave on screen: its line, the region lines shown, and a "… N more" line when some are hidden.</summary>
public sealed record WaveBlock(int Index, IReadOnlyList<RegionProgress> Regions, IReadOnlyList<RegionProgress> Shown)
{
    public IReadOnlyList<RegionProgress> Hidden => [.. Regions.Where(r => !Shown.Contains(r))];

    /// <summary>Some but not all of its regions are shown (none shown: the wave's line names them).</summary>
    public bool Cut => Shown.Count > 0 && Shown.Count < Regions.Count;

    public int LineCount => 1 + Shown.Count + (Cut ? 1 : 0);
}

/// <summary>The waves block as it fits: the waves shown, in order, and how many waves did not fit at all.</summary>
public sealed record WaveLayout(int WaveCount, IReadOnlyList<WaveBlock> Blocks, int HiddenWaves)
{
    public int LineCount => Blocks.Sum(b => b.LineCount) + (HiddenWaves > 0 ? 1 : 0);
}

/// <summary>Which wave and region lines fit in a number of rows.</summary>
public static class WaveFit
{
    /// <summary>
    /// Every wave's line and every region's line when they fit. Otherwise region lines go first where
    /// they matter least (regions of no concern, then far from the current wave, last in their wave
    /// first); a region holding or failing goes last. Only when one line per wave does not fit are the
    /// waves farthest from the current one left out, counted on a "… N more waves" line.
    /// </summary>
    public static WaveLayout Fit(CampaignStatus status, int rows)
    {
        var waveCount = Math.Max(status.WaveCount, status.Regions.Select(r => r.WaveIndex + 1).DefaultIfEmpty(0).Max());
        var current = Math.Clamp(status.CurrentWave, 0, Math.Max(0, waveCount - 1));
        var byWave = Enumerable.Range(0, waveCount).Select(w => status.Regions.Where(r => r.WaveIndex == w).ToList()).ToList();
        var dropOrder = status.Regions
            .Select((region, position) => (region, position))
            .OrderBy(x => Concern(x.region, current))
            .ThenByDescending(x => Math.Abs(x.region.WaveIndex - current))
            .ThenByDescending(x => x.position)
            .Select(x => x.region.Region)
            .ToList();

        for (var dropped = 0; dropped <= dropOrder.Count; dropped++)
        {
            var hidden = dropOrder.Take(dropped).ToHashSet(StringComparer.Ordinal);
            var layout = new WaveLayout(
                waveCount,
                [.. byWave.Select((regions, w) => new WaveBlock(w, regions, [.. regions.Where(r => !hidden.Contains(r.Region))]))],
                HiddenWaves: 0);
            if (layout.LineCount <= rows)
            {
                return layout;
            }
        }

        var keep = Math.Clamp(rows - 1, 1, waveCount);
        var nearest = Enumerable.Range(0, waveCount).OrderBy(w => Math.Abs(w - current)).ThenBy(w => w).Take(keep).Order();
        return new WaveLayout(waveCount, [.. nearest.Select(w => new WaveBlock(w, byWave[w], []))], waveCount - keep);
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
