using System.Diagnostics;
using Coordinator.Benchmarks.Cluster;
using Coordinator.Campaigns;
using Coordinator.Fleet;

namespace Coordinator.Benchmarks.Campaigns;

/// <summary>
/// A fresh service with Blue and Green registered in N regions, and the evaluator a campaign over it
/// needs: passing smoke reports for Green (the simulated fleet's gold set on a healthy Green),
/// submitted as soon as a region waits in Warm Green.
/// </summary>
internal sealed class CampaignFleet
{
    /// <summary>How often the benchmark polls the campaign's status while it drives it.</summary>
    public static readonly TimeSpan PollPeriod = TimeSpan.FromMilliseconds(10);

    private static readonly SimulatedArm HealthyGreen = new(Arm.Green);

    private CampaignFleet(IClusterClient client, string service, string[] regions)
    {
        Client = client;
        Service = service;
        Regions = regions;
        Cutover = client.GetGrain<ICutoverGrain>(service);
    }

    public IClusterClient Client { get; }
    public string Service { get; }
    public string[] Regions { get; }
    public ICutoverGrain Cutover { get; }

    /// <summary>Registers both arms (the benchmark's manifests) in every region of a service no run has used.</summary>
    public static async Task<CampaignFleet> CreateAsync(IClusterClient client, string tag, int regions)
    {
        var service = $"{Seed.Service}-{tag}";
        var names = Seed.Regions("r", regions);
        await Task.WhenAll(names.Select(region => Seed.RegisterAsync(client, service, region)));
        return new CampaignFleet(client, service, names);
    }

    /// <summary>A campaign to the benchmark's Green manifest; no fences, automatic approval.</summary>
    public CampaignSpec Spec(string campaignId, IEnumerable<IEnumerable<string>> waves, TimeSpan hold) => new()
    {
        Service = Service,
        CampaignId = campaignId,
        Target = Seed.Manifest(Arm.Green),
        Waves = [.. waves.Select((regions, i) => new WaveSpec { Name = $"wave-{i + 1}", Regions = [.. regions] })],
        Hold = hold,
        SmokeDeadline = TimeSpan.FromMinutes(5),
        Fences = FenceSpec.None,
        Operator = Seed.Operator,
        Reason = "benchmark campaign",
    };

    /// <summary>
    /// The simulated fleet's evaluator run against a healthy Green (the fleet's gold set): it passes the
    /// default warm gate, pinned to the benchmark's Green manifest.
    /// </summary>
    public SmokeReport Smoke(string region) =>
        GoldSet.Run(Service, region, Seed.Manifest(Arm.Green), HealthyGreen, GateThresholds.Default, DateTimeOffset.UtcNow);

    /// <summary>
    /// Plays the evaluator: polls the status every <see cref="PollPeriod"/> and answers every region
    /// that waits in Warm Green (once each, concurrently), until <paramref name="done"/> holds.
    /// Throws if the campaign stops anywhere else, or on <paramref name="deadline"/>.
    /// </summary>
    public async Task<DriveResult> DriveAsync(string campaignId, Func<CampaignStatus, bool> done, TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        var answered = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var polls = 0;
        while (true)
        {
            var status = await Cutover.GetStatusAsync(campaignId)
                ?? throw new InvalidOperationException($"campaign {campaignId} of {Service} is unknown to its cutover grain");
            polls++;
            if (done(status))
            {
                return new DriveResult(status, polls, answered.Count);
            }

            if (status.State is not CampaignState.Running)
            {
                throw new InvalidOperationException($"campaign {campaignId} stopped in {status.State}: {status.Reason}");
            }

            var waiting = WarmGreenSteps.Waiting(status)
                .Where(w => answered.Add(w.Region))
                .Select(w => Cutover.SubmitSmokeReportAsync(campaignId, Smoke(w.Region)))
                .ToList();
            await Task.WhenAll(waiting);

            if (clock.Elapsed > deadline)
            {
                var steps = string.Join(", ", status.Regions.GroupBy(r => $"{r.Outcome}/{r.Step}").Select(g => $"{g.Count()} {g.Key}"));
                throw new TimeoutException($"campaign {campaignId} did not get there within {deadline.TotalSeconds:0} s ({status.State}; {steps})");
            }

            await Task.Delay(PollPeriod, cancellationToken);
        }
    }

    /// <summary>Null when every region's pointer shows this arm, epoch and owning campaign (none by default); else what differs.</summary>
    public async Task<string?> CheckPointersAsync(Arm arm, long epoch, string? owner = null)
    {
        var views = await Task.WhenAll(Regions.Select(r => Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(Service, r)).GetActiveArmAsync()));
        var wrong = views.Where(v => v.ActiveArm != arm || v.Epoch != epoch || v.OwnerCampaign != owner).ToList();
        return wrong.Count == 0
            ? null
            : $"{wrong.Count} of {views.Length} regions are not on {arm} at epoch {epoch} owned by {owner ?? "no campaign"}, e.g. {wrong[0].Region}: {wrong[0].ActiveArm} at epoch {wrong[0].Epoch}, owner {wrong[0].OwnerCampaign ?? "none"}";
    }
}

internal sealed record DriveResult(CampaignStatus Status, int Polls, int SmokeReports);
