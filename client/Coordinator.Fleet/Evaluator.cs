using Coordinator.Campaigns;

namespace Coordinator.Fleet;

/// <summary>
/// The service team's evaluator: follows the campaign and, whenever one of the fleet's regions enters
/// Warm Green, runs the gold set against Green and submits the smoke report.
/// </summary>
public sealed class Evaluator(
    IClusterClient client,
    string service,
    string campaignId,
    IReadOnlyDictionary<string, RegionCounters> regions,
    IReadOnlyDictionary<string, SimulatedArm> green,
    TimeSpan poll,
    TimeProvider time)
{
    private readonly HashSet<(string Region, DateTimeOffset Step)> _submitted = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutover = client.GetGrain<ICutoverGrain>(service);
        using var timer = new PeriodicTimer(poll, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    if (await cutover.GetStatusAsync(campaignId).WaitAsync(Retry.CallTimeout, time, cancellationToken) is { } status)
                    {
                        await AnswerWarmStepsAsync(cutover, status, cancellationToken);
                    }
                }
                catch (Exception ex) when (CallFailures.IsFailure(ex, cancellationToken))
                {
                    // A silo went away mid-call; the next poll asks again (a report is submitted once per warm step).
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task AnswerWarmStepsAsync(ICutoverGrain cutover, CampaignStatus status, CancellationToken cancellationToken)
    {
        foreach (var (region, started) in WarmGreenSteps.Waiting(status))
        {
            if (!regions.TryGetValue(region, out var counters) || _submitted.Contains((region, started)))
            {
                continue;
            }

            // The registered Green, read fresh: it is what the campaign verified against its target.
            var view = await client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, region)).GetActiveArmAsync().WaitAsync(Retry.CallTimeout, time, cancellationToken);
            if (view.Green is not { } manifest)
            {
                continue;
            }

            var report = GoldSet.Run(service, region, manifest, green[region], GateThresholds.Default, time.GetUtcNow());
            await cutover.SubmitSmokeReportAsync(campaignId, report).WaitAsync(Retry.CallTimeout, time, cancellationToken);
            _submitted.Add((region, started));
            RegionCounters.Add(ref counters.SmokeReports);
        }
    }
}
