using Coordinator.Campaigns;

namespace Coordinator.IntegrationTests.Infrastructure;

/// <summary>
/// Plays the outside evaluator for a campaign on a crash-test cluster: a passing smoke report for each
/// region waiting in Warm Green, sent again when that step restarted after a crash.
/// </summary>
public static class EvaluatorPlayer
{
    private static readonly Task Never = new TaskCompletionSource().Task;

    /// <summary>
    /// Polls the campaign, answering each region that waits for a report, until <paramref name="done"/>.
    /// A grain stopped at a crash point (<paramref name="stopped"/> completed) never answers a report: the
    /// report is then left behind instead of awaited.
    /// </summary>
    public static async Task<CampaignStatus> PlayAsync(
        ICutoverGrain cutover, string campaign, ArmManifest green, Func<CampaignStatus, bool> done, string expected, TimeSpan deadline, Task? stopped = null)
    {
        var answered = new HashSet<(string, DateTimeOffset?)>();
        return (await Poll.UntilAsync(
            async () =>
            {
                var status = (await cutover.GetStatusAsync(campaign))!;
                var waiting = status.Regions.Where(r => r is { Outcome: RegionOutcome.InProgress, Step: ChecklistStep.WarmGreen });
                foreach (var region in done(status) ? [] : waiting.Where(r => !answered.Contains((r.Region, r.StepStartedAt))))
                {
                    var submit = cutover.SubmitSmokeReportAsync(campaign, PassingSmoke(status.Service, region.Region, green));
                    if (await Task.WhenAny(submit, stopped ?? Never) == submit)
                    {
                        await submit;
                        answered.Add((region.Region, region.StepStartedAt));
                    }
                    else
                    {
                        _ = submit.ContinueWith(static t => t.Exception, TaskScheduler.Default);
                    }
                }

                return status;
            },
            done,
            expected,
            deadline,
            errorsMeanNotYet: true))!;
    }

    /// <summary>A smoke report that passes the default Warm gate, pinned to <paramref name="green"/>'s versions.</summary>
    public static SmokeReport PassingSmoke(string service, string region, ArmManifest green) => new()
    {
        Service = service,
        Region = region,
        SubmittedAt = DateTimeOffset.UtcNow,
        Evaluator = "it-evaluator",
        Versions = PinnedVersions.Of(green),
        Items = [.. Enumerable.Range(1, 20).Select(i => new SmokeItem
        {
            Id = $"q-{i:00}",
            DeltaS = [0.2, 0.25, 0.3],
            Coverage = 0.85,
            Lambda = [LambdaState.Convergent, LambdaState.Convergent],
            LatencyMs = 250,
        })],
    };
}
