using Coordinator.Campaigns;
using Coordinator.IntegrationTests.Infrastructure;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Coordinator.IntegrationTests.Campaigns;

/// <summary>A campaign survives losing the silo that runs it: progress is persisted, steps are idempotent.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class CampaignCrashTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Killing_the_silo_running_a_campaign_mid_wave_finishes_it_with_each_region_flipped_once()
    {
        await using var cluster = await AzureTestCluster.StartAsync(ClusterIdentity.New(), silos: 3, fastFailureDetection: true);
        var service = TestIds.New("svc");
        string[] regions = ["eu-west", "us-east"];
        foreach (var region in regions)
        {
            await Samples.RegisterBothAsync(cluster.Region(service, region));
        }

        var cutover = cluster.Client.GetGrain<ICutoverGrain>(service);
        await cutover.StartAsync(new CampaignSpec
        {
            Service = service,
            CampaignId = "cmp-crash",
            Target = Samples.Green,
            Waves = [new WaveSpec { Regions = [regions[0]] }, new WaveSpec { Regions = [regions[1]] }],
            Hold = TimeSpan.Zero,
            SmokeDeadline = TimeSpan.FromMinutes(10),
            Operator = Samples.Operator,
            Reason = "crash test",
        });

        // In each wave: wait until the region waits for its smoke report, kill the silo running the
        // campaign, then answer; the campaign must carry on from storage on another silo.
        foreach (var region in regions)
        {
            await WaitForStepAsync(cutover, region, ChecklistStep.WarmGreen);
            var silos = cluster.Cluster.Silos.Select(s => s.SiloAddress).ToArray();
            var host = Assert.Single(await cluster.HostsOfAsync(cutover.GetGrainId(), silos));
            output.WriteLine($"killing {host}, which runs the campaign, while {region} waits in Warm Green");
            await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
            await cluster.Cluster.StartAdditionalSiloAsync();

            await Eventually.SucceedsAsync(
                async () =>
                {
                    await cutover.SubmitSmokeReportAsync("cmp-crash", Smoke(service, region));
                    return true;
                },
                Deadline,
                $"the campaign to accept {region}'s smoke report after its silo was killed");
        }

        var done = await Eventually.MatchAsync(
            () => cutover.GetStatusAsync("cmp-crash"),
            s => s!.State is CampaignState.Completed or CampaignState.RolledBack,
            Deadline,
            "the campaign to finish after the crashes");
        Assert.Equal(CampaignState.Completed, done!.State);

        foreach (var region in regions)
        {
            var pointer = cluster.Region(service, region);
            var view = await pointer.GetActiveArmAsync();
            Assert.Equal((Arm.Green, 1L), (view.ActiveArm, view.Epoch));
            Assert.Single(await pointer.GetAuditAsync(), e => e.Command == "flip");
            Assert.True((await pointer.VerifyAuditAsync()).IsValid);
        }
    }

    private static Task WaitForStepAsync(ICutoverGrain cutover, string region, ChecklistStep step) =>
        Eventually.MatchAsync(
            () => cutover.GetStatusAsync("cmp-crash"),
            s => s!.Regions.Any(r => r.Region == region && r.Outcome == RegionOutcome.InProgress && r.Step == step),
            Deadline,
            $"{region} to reach {step}");

    private static SmokeReport Smoke(string service, string region) => new()
    {
        Service = service,
        Region = region,
        SubmittedAt = DateTimeOffset.UtcNow,
        Evaluator = "it-evaluator",
        Versions = PinnedVersions.Of(Samples.Green),
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
