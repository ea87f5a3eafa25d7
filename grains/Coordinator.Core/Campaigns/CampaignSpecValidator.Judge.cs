using Coordinator.Domain;

namespace Coordinator.Campaigns;

/// <summary>The <c>judge</c> section: a mode per metric, the significance level and the minimum points.</summary>
public static partial class CampaignSpecValidator
{
    private static void CheckJudge(JudgeSpec? judge, List<FieldError> errors)
    {
        const string path = "$.judge";
        if (judge is null)
        {
            errors.Add(new FieldError(path, "is required (leave the key out for thresholds only)"));
            return;
        }

        CheckMode(path + ".latency_p95_ms", judge.LatencyP95, errors);
        CheckMode(path + ".delta_s_p95", judge.DeltaSP95, errors);
        CheckRange(path + ".alpha", judge.Alpha, CampaignLimits.JudgeAlpha, errors);
        CheckRange(path + ".min_points", judge.MinPoints, CampaignLimits.JudgeMinPoints, errors);
    }

    private static void CheckMode(string path, JudgeMode mode, List<FieldError> errors)
    {
        if (!Enum.IsDefined(mode))
        {
            errors.Add(new FieldError(path, $"must be 'threshold', 'judge' or 'both' (got {(int)mode})"));
        }
    }
}
