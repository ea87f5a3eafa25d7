using Coordinator.Campaigns;

namespace Coordinator.Fleet;

/// <summary>
/// How a fleet run ended: the summary (its state is the campaign's final one), the last status seen
/// while following (null if the campaign never appeared), and whether the run gave up waiting.
/// </summary>
public sealed record FleetOutcome(FleetSummary Summary, CampaignStatus? LastSeen, bool TimedOut);

/// <summary>
/// Runs the simulated fleet around one campaign: start the fleet, (optionally) start the campaign,
/// follow it until it settles, keep serving a little longer, stop, and read where every region ended.
/// Shared by the console's <c>fleet</c> (an existing cluster) and <c>demo</c> (an embedded silo).
/// </summary>
public sealed class FleetRun(IFleetRunLog log, TimeProvider time)
{
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Requests each region serves before the fleet calls itself ready: enough for a hold gate's Blue baseline (200).</summary>
    public const long ReadyRequests = 300;

    /// <summary>Covers a silo's replacement (about 13 s after a kill with default membership timings).</summary>
    private static readonly TimeSpan FinalReads = TimeSpan.FromSeconds(45);

    /// <param name="beforeCampaign">Called once the fleet serves (the demo starts its campaign here); null to wait for one started elsewhere.</param>
    /// <param name="follow">Called once the campaign appears, to follow it until it settles in the caller's own way; null to poll and report progress to the log.</param>
    /// <param name="afterSettle">How long the fleet keeps serving once the campaign settled.</param>
    /// <exception cref="ArmsNotRegisteredException">A region's arms were not registered within <see cref="FleetOptions.ArmsDeadline"/>.</exception>
    public async Task<FleetOutcome> RunAsync(
        IClusterClient client,
        FleetOptions options,
        Func<CancellationToken, Task>? beforeCampaign,
        Func<CancellationToken, Task>? follow,
        TimeSpan timeout,
        TimeSpan afterSettle,
        CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var deadline = time.GetUtcNow() + timeout;
        await using var fleet = await FleetSimulation.StartAsync(client, options, time, cancellationToken);
        log.Note(
            $"DEMO fleet ({(options.Traffic is null ? "simulated traffic" : "HTTP traffic through an edge per region")}, real SDK) serving {options.Service} in {string.Join(", ", options.Regions)}: "
            + $"{options.LoopsPerRegion} request loops, writer '{options.Writer}', consumer group '{options.ConsumerGroup}' per region"
            + (options.Injections.Count > 0 ? $"; Green degraded: {string.Join(", ", options.Injections)}" : string.Empty),
            time.GetUtcNow());

        if (beforeCampaign is not null)
        {
            // The hold judges Green against the Blue traffic served before the flip: start once there is enough of it.
            while (!IsReady(fleet) && time.GetUtcNow() < deadline)
            {
                await Task.Delay(Poll, time, cancellationToken);
            }

            AnnounceReady();
            await beforeCampaign(cancellationToken);
        }

        var status = await FollowAsync(client, fleet, follow, readyAnnounced: beforeCampaign is not null, deadline, cancellationToken);
        var timedOut = status is null || !Ends(status.State, options);
        if (!timedOut)
        {
            // Post-cutover requests show which arm serves now; a short wait, not a synchronisation.
            await Task.Delay(afterSettle, time, cancellationToken);
        }

        await fleet.StopAsync();
        var final = await Retry.UntilAsync(() => client.GetGrain<ICutoverGrain>(options.Service).GetStatusAsync(options.CampaignId), FinalReads, time, cancellationToken) ?? status;
        var summary = await Retry.UntilAsync(
            () => FleetSummaryBuilder.BuildAsync(client, fleet, final, time.GetElapsedTime(started), time.GetUtcNow()), FinalReads, time, cancellationToken);
        return new FleetOutcome(summary, status, timedOut);
    }

    /// <summary>The settled status, or the last one seen (null if the campaign never appeared) at the deadline.</summary>
    private async Task<CampaignStatus?> FollowAsync(
        IClusterClient client, FleetSimulation fleet, Func<CancellationToken, Task>? follow, bool readyAnnounced, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var options = fleet.Options;
        var cutover = client.GetGrain<ICutoverGrain>(options.Service);
        CampaignStatus? status = null;
        var announced = false;
        var ready = readyAnnounced;
        while (time.GetUtcNow() < deadline)
        {
            if (!ready && IsReady(fleet))
            {
                // Scripts may wait for this line before starting the campaign, so its gates have a baseline.
                ready = true;
                AnnounceReady();
            }

            try
            {
                status = await cutover.GetStatusAsync(options.CampaignId).WaitAsync(Retry.CallTimeout, time, cancellationToken) ?? status;
            }
            catch (Exception ex) when (CallFailures.IsFailure(ex, cancellationToken))
            {
                // A silo went away mid-campaign: the fleet keeps serving, the next poll asks again.
                log.Note($"status read failed ({ex.GetType().Name}); retrying", time.GetUtcNow());
            }

            if (status is not null && follow is not null)
            {
                await follow(cancellationToken);
                return await cutover.GetStatusAsync(options.CampaignId);
            }

            if (status is null && !announced)
            {
                announced = true;
                log.Note($"waiting for campaign '{options.CampaignId}' of {options.Service} to start", time.GetUtcNow());
            }

            if (status is not null)
            {
                log.Progress(status, time.GetUtcNow());
                if (Ends(status.State, options))
                {
                    return status;
                }
            }

            await Task.Delay(Poll, time, cancellationToken);
        }

        return status;
    }

    /// <summary>Whether following stops at <paramref name="state"/>: settled, and past an operator's wait when asked to be.</summary>
    private static bool Ends(CampaignState state, FleetOptions options) =>
        state.IsSettled() && !(options.UntilEnded && state == CampaignState.WaitingForApproval);

    private static bool IsReady(FleetSimulation fleet) =>
        fleet.Regions.Values.All(c => RegionCounters.Read(ref c.ServedBlue) + RegionCounters.Read(ref c.ServedGreen) >= ReadyRequests);

    private void AnnounceReady() =>
        log.Note($"fleet ready: every region has served at least {ReadyRequests} requests", time.GetUtcNow());
}
