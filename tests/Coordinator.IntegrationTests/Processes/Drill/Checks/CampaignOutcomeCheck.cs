namespace Coordinator.IntegrationTests.Processes.Drill.Checks;

/// <summary>
/// Completed; or, when the fleet injected a degradation, rolled back with the metric named in the reason; or, when
/// the campaign waited for an operator who aborted it, rolled back by that abort.
/// </summary>
public sealed class CampaignOutcomeCheck : IRunCheck
{
    public const string Subject = "campaign outcome";

    public IEnumerable<CheckResult> Check(RunRecord run)
    {
        var campaign = run.Campaign;
        if (run.Faults.OfType<IOperatorAborted>().FirstOrDefault() is { } aborted)
        {
            // A gate could not decide and the operator aborted: whatever was injected, the abort ends the campaign.
            var reason = campaign.Reason ?? string.Empty;
            var byOperator = campaign.State == "rolled_back" && reason.Contains($"aborted by {aborted.Operator}", StringComparison.Ordinal);
            yield return CheckResult.Of(
                Subject,
                byOperator,
                byOperator
                    ? $"campaign rolled back by the operator's abort after it waited ({aborted.Waiting}): {reason}"
                    : $"campaign {campaign.State}, expected rolled_back by {aborted.Operator}'s abort: {reason}");
            yield break;
        }
        if (!run.Description.ExpectsRollback)
        {
            yield return campaign.State == "completed"
                ? CheckResult.Pass(Subject, "campaign completed")
                : CheckResult.Fail(Subject, $"campaign {campaign.State}, expected completed: {campaign.Reason}");
            yield break;
        }

        foreach (var injection in run.Description.Injections)
        {
            var metric = injection.Split(':', 2)[1].Split('=')[0];
            var named = Named(metric);
            var reason = campaign.Reason ?? string.Empty;
            yield return CheckResult.Of(
                Subject,
                campaign.State == "rolled_back" && reason.Contains(named, StringComparison.OrdinalIgnoreCase),
                campaign.State == "rolled_back" && reason.Contains(named, StringComparison.OrdinalIgnoreCase)
                    ? $"campaign rolled back naming the injected metric ({metric}): {reason}"
                    : $"campaign {campaign.State}, expected rolled_back with {metric} in the reason: {reason}");
        }
    }

    /// <summary>
    /// What the gates call the metric: coverage → coverage_mean, delta_s → delta_s_p95,
    /// tool_loop_rate → tool_loop_signals, latency_factor → latency_p95_ms.
    /// </summary>
    private static string Named(string metric)
    {
        var named = metric.EndsWith("_rate", StringComparison.Ordinal) ? metric[..^"_rate".Length] : metric;
        return named.EndsWith("_factor", StringComparison.Ordinal) ? named[..^"_factor".Length] : named;
    }
}
