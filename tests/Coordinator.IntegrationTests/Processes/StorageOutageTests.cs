using Coordinator.IntegrationTests.Infrastructure;
using Coordinator.IntegrationTests.Processes.Chaos;
using Coordinator.IntegrationTests.Processes.Drill;
using Coordinator.IntegrationTests.Processes.Drill.Checks;
using Xunit.Abstractions;

namespace Coordinator.IntegrationTests.Processes;

/// <summary>
/// Storage frozen (Azurite SIGSTOPped) for 15 s mid-campaign, on an Azurite of the test's own: the
/// campaign stalls and resumes without losing a step, readiness says 503 during the outage and 200
/// after, the fleet's resolvers keep serving, and nothing acknowledged is lost.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_campaign_survives_a_15_second_storage_freeze_with_one_flip_per_region_and_readiness_503_meanwhile()
    {
        await using var storage = await OwnedAzurite.StartAsync();
        var description = RunDescription.Standard() with
        {
            ConnectionString = storage.ConnectionString,

            // 4 s in: eu-west (the canary, 15 s hold) is flipping or holding.
            Faults = [new FreezeStorage(storage, TimeSpan.FromSeconds(4), Outage)],
        };

        var run = await DrillRunner.RunAsync(description, output.WriteLine);
        var results = ChaosProgram.Checks.SelectMany(c => c.Check(run)).ToList();
        foreach (var result in results)
        {
            output.WriteLine(result.ToString());
        }

        Assert.True(results.All(r => r.Passed), "failed checks:" + Environment.NewLine + string.Join(Environment.NewLine, results.Where(r => !r.Passed)));
        var freeze = Assert.IsType<StorageFrozen>(Assert.Single(run.Faults));

        // Readiness noticed the outage within seconds, and every silo answered 200 again after it (or the fault would have thrown).
        Assert.NotNull(freeze.NotReadyAfter);
        Assert.True(freeze.NotReadyAfter < FreezeStorage.NoticeDeadline, $"readiness took {freeze.NotReadyAfter} to notice");

        // The freeze fell inside the campaign: a step had started before it, and the last one finished after it.
        var steps = run.Campaign.Regions.SelectMany(r => r.Steps).ToList();
        Assert.Contains(steps, step => step.StartedAt < freeze.At);
        Assert.True(steps.Max(step => step.FinishedAt) > freeze.At + freeze.Length, "the campaign finished before the storage thawed");

        // The campaign lost no step: completed, one flip to green per region, and the fleet's pointers agree.
        Assert.Equal("completed", run.Campaign.State);
        foreach (var region in description.Regions)
        {
            Assert.Equal(["green"], run.Audits[region].Value!.Flips);
            Assert.All(run.Campaign.Region(region).Steps, step => Assert.NotNull(step.FinishedAt));
        }

        // Resolvers served their cached arm throughout: no request failed for want of a pointer.
        var fleet = Assert.IsType<FleetReport>(run.Fleet);
        Assert.Equal(0, fleet.Requests!.Errors);
        Assert.True(fleet.Requests.Blue > 0 && fleet.Requests.Green > 0, $"the fleet served blue {fleet.Requests.Blue}, green {fleet.Requests.Green}");
        Assert.Contains(results, r => r.Subject == RecoveryCheck.ReadinessSubject);
        Assert.Contains(results, r => r.Subject == FleetSafetyCheck.Subject("consumer offsets going backwards"));
    }
}
