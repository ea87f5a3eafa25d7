namespace Coordinator.Campaigns;

/// <summary>The "versions" gate metric: were the samples pinned to the versions the campaign targets?</summary>
internal static class VersionsCheck
{
    /// <summary>Unknown or mixed versions are inconclusive; versions other than the expected ones fail.</summary>
    public static MetricResult Judge(PinnedVersions? expected, PinnedVersions? actual, bool mixed, string what)
    {
        GateVerdict verdict;
        string reason;
        if (mixed)
        {
            (verdict, reason) = (GateVerdict.Inconclusive, $"{what} mixes samples pinned to different versions");
        }
        else if (actual is null)
        {
            (verdict, reason) = (GateVerdict.Inconclusive, $"{what} is not pinned to its versions");
        }
        else if (expected is not null && ManifestDiff.Compare(expected, actual) is { Count: > 0 } differences)
        {
            (verdict, reason) = (GateVerdict.Fail, $"{what} ran on other versions than the target: {ManifestDiff.Describe(differences)}");
        }
        else
        {
            (verdict, reason) = (GateVerdict.Pass, $"pinned to index_hash {actual.IndexHash}, prompt_ver {actual.PromptVer}, model_ver {actual.ModelVer}");
        }

        return new MetricResult
        {
            Metric = "versions",
            Direction = MetricDirection.LowerIsBetter,
            Unit = MetricUnit.Count,
            Value = expected is null || actual is null ? null : ManifestDiff.Compare(expected, actual).Count,
            PassTarget = expected is null ? null : 0,
            Verdict = verdict,
            Reason = reason,
        };
    }
}
