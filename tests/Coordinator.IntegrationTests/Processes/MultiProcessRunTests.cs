using Coordinator.IntegrationTests.Infrastructure;
using Coordinator.IntegrationTests.Processes.Drill;
using Coordinator.IntegrationTests.Processes.Drill.Checks;
using Xunit.Abstractions;

namespace Coordinator.IntegrationTests.Processes;

/// <summary>
/// The multi-process drill end to end: three silo processes, the console and the simulated fleet as
/// processes of their own, and the silo hosting the cutover grain SIGKILLed while wave 1 holds. Every
/// check in <see cref="RunChecks"/> must pass; each test also names the outcome it expects.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class MultiProcessRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Campaign_completes_on_the_survivors_after_the_cutover_grains_host_is_killed_mid_hold()
    {
        var description = RunDescription.Standard();
        var (run, results) = await RunAsync(description);

        Assert.Equal("completed", run.Campaign.State);
        AssertCommonChecks(description, results);
        foreach (var region in description.Regions)
        {
            Assert.Equal(["green"], run.Audits[region].Value!.Flips);
        }
    }

    [Fact]
    public async Task Injected_coverage_drop_rolls_every_flipped_region_back_once_after_the_host_is_killed()
    {
        var description = RunDescription.Standard("ap-south:coverage=0.55");
        var (run, results) = await RunAsync(description);

        Assert.Equal("rolled_back", run.Campaign.State);
        Assert.Contains("coverage", run.Campaign.Reason, StringComparison.OrdinalIgnoreCase);
        AssertCommonChecks(description, results);

        // eu-west flipped before the kill, so the rollback must have flipped it back exactly once.
        Assert.Equal(["green", "blue"], run.Audits["eu-west"].Value!.Flips);
    }

    [Fact]
    public async Task A_malformed_inject_is_refused_with_exit_code_2_before_anything_starts()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await DrillProgram.RunAsync(["--inject", "ap-south-coverage"], stdout, stderr);

        Assert.Equal(2, exitCode);
        Assert.Contains("--inject 'ap-south-coverage' is not REGION:METRIC=VALUE", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout.ToString());
    }

    /// <summary>Every check passed, and every check the drill promises ran (none silently produced no line).</summary>
    private static void AssertCommonChecks(RunDescription description, IReadOnlyList<CheckResult> results)
    {
        Assert.True(results.All(r => r.Passed), "failed checks:" + Environment.NewLine + string.Join(Environment.NewLine, results.Where(r => !r.Passed)));

        string[] expected =
        [
            CampaignOutcomeCheck.Subject,
            KillInsideHoldCheck.Subject,
            SurvivorHostsGrainCheck.Subject,
            FleetExitCheck.Subject,
            FleetSafetyCheck.Subject("lease tokens going backwards"),
            FleetSafetyCheck.Subject("consumer offsets going backwards"),
            FleetSafetyCheck.Subject("lower-epoch reads"),
            FleetSafetyCheck.Subject("writes accepted while frozen"),
            FleetSafetyCheck.Subject("zombie consumer commits accepted"),
            .. description.Regions.SelectMany(r => new[] { AuditChainCheck.Subject(r), FlipsOnceCheck.Subject(r), FleetMatchesAuditCheck.Subject(r) }),
        ];
        Assert.Empty(expected.Except(results.Select(r => r.Subject)));
    }

    private async Task<(RunRecord Run, IReadOnlyList<CheckResult> Results)> RunAsync(RunDescription description)
    {
        var run = await DrillRunner.RunAsync(description, output.WriteLine);
        var results = RunChecks.Judge(run);
        foreach (var result in results)
        {
            output.WriteLine(result.ToString());
        }

        if (results.Any(r => !r.Passed))
        {
            // As the script did on failure: what every process printed.
            output.WriteLine(string.Join(Environment.NewLine, run.ProcessLogs));
        }

        return (run, results);
    }
}
