using Coordinator.IntegrationTests.Infrastructure;
using Coordinator.IntegrationTests.Processes.Chaos;
using Coordinator.IntegrationTests.Processes.Drill;
using Coordinator.IntegrationTests.Processes.Drill.Checks;
using Xunit.Abstractions;

namespace Coordinator.IntegrationTests.Processes;

/// <summary>
/// The chaos suite's short fixed-seed version for CI: one round of infra/chaos.sh on an Azurite of its
/// own. Its seed draws the newer faults on purpose: two of the three silos SIGKILLed together, the
/// fleet's gateway connections cut while it runs, an operator's pause and resume, and a degradation
/// that rolls back a wave already cut over. Every check must pass.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class ChaosTests(ITestOutputHelper output)
{
    /// <summary>Replays as `bash infra/chaos.sh --rounds 1 --seed 20261461`.</summary>
    private const int Seed = 20261461;

    [Fact]
    public async Task One_seeded_round_survives_its_faults_with_every_check_passing()
    {
        await using var storage = await OwnedAzurite.StartAsync();

        var round = await ChaosProgram.RoundAsync(Seed, 1, storage, output.WriteLine);

        foreach (var result in round.Results)
        {
            output.WriteLine(result.ToString());
        }

        Assert.True(round.Violations == 0, "violations:" + Environment.NewLine + string.Join(Environment.NewLine, round.Results.Where(r => !r.Passed)));
        var run = Assert.IsType<RunRecord>(round.Run);
        Assert.Equal(2, Assert.Single(run.Faults.OfType<SilosDownTogether>()).Silos.Count);
        Assert.True(Assert.Single(run.Faults.OfType<FleetConnectionsCut>()).Cuts > 0, "the fleet's connections were not cut");
        Assert.Single(run.Faults.OfType<CampaignPausedAndResumed>());
        Assert.Equal("rolled_back", run.Campaign.State);
        Assert.Contains(run.Campaign.Regions, r => RegionPaths.Of(run.Campaign, r.Region) == RegionPath.CutOverThenRolledBack);
        Assert.Contains(round.Results, r => r.Subject == RecoveryCheck.Subject);
        Assert.Contains(round.Results, r => r.Subject == ConsumerMovesOnceCheck.Subject("us-west/webhooks"));
        Assert.Contains(round.Results, r => r.Subject == LeaseStepsOnceCheck.Subject("us-west/indexer"));
        Assert.Contains(round.Results, r => r.Subject == ConsumerStepsOnceCheck.Subject("us-west/webhooks"));
        Assert.Contains(round.Results, r => r.Subject == AuditChainCheck.Subject("us-west/webhooks (consumers)"));
        Assert.Equal(run.Description.Regions.Order(), run.Audits.Keys.Order());
    }

    [Fact]
    public async Task The_same_seed_and_round_draw_the_same_plan()
    {
        await using var storage = await OwnedAzurite.StartAsync();
        var folder = Directory.CreateTempSubdirectory("coordinator-chaos-plan.").FullName;
        try
        {
            var first = ChaosPlan.Draw(Seed, 2, storage, folder).ToString();
            var again = ChaosPlan.Draw(Seed, 2, storage, folder).ToString();
            var other = ChaosPlan.Draw(Seed, 3, storage, folder).ToString();

            Assert.Equal(first, again);
            Assert.NotEqual(first, other);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Bad_arguments_are_all_refused_with_exit_code_2_before_anything_starts()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await ChaosProgram.RunAsync(["--rounds", "0", "--seed", "x", "--first-round", "0", "--bogus", "1"], stdout, stderr);

        Assert.Equal(2, exitCode);
        var errors = stderr.ToString();
        Assert.Contains("--rounds '0' is not a positive whole number", errors, StringComparison.Ordinal);
        Assert.Contains("--seed 'x' is not a whole number", errors, StringComparison.Ordinal);
        Assert.Contains("--first-round '0' is not a positive whole number", errors, StringComparison.Ordinal);
        Assert.Contains("unknown argument '--bogus'", errors, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout.ToString());
    }
}
