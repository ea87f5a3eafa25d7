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

/// <summary>
/// The waves block as it fits: the waves shown in order, how many waves did not fit at all, and the
/// rows each shown region holding or failing gets for its metrics (a "… N more" line included).
/// </summary>
public sealed record BodyLayout(int WaveCount, IReadOnlyList<WaveBlock> Blocks, int HiddenWaves, IReadOnlyDictionary<string, int> MetricRows)
{
    public int LineCount =>
        Blocks.Sum(b => b.LineCount + b.Shown.Sum(r => MetricRows.GetValueOrDefault(r.Region)))
        + (HiddenWaves > 0 ? 1 : 0);
}
