using Coordinator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Coordinator.IntegrationTests.Processes;

/// <summary>
/// infra/multiprocess-run.sh end to end: three silo processes, the console and the simulated fleet as
/// processes of their own, and the silo hosting the cutover grain SIGKILLed while wave 1 holds. The
/// script prints one PASS/FAIL line per check and exits non-zero on any failure; these tests run it on
/// the built Release outputs and the test run's Azurite, and check both.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class MultiProcessRunTests(ITestOutputHelper output)
{
    // The script's own deadlines are longer; this only ends a run that hangs outright.
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(6);
    private static readonly string[] Regions = ["eu-west", "us-east", "us-west", "ap-south"];

    [Fact]
    public async Task Campaign_completes_on_the_survivors_after_the_cutover_grains_host_is_killed_mid_hold()
    {
        var lines = await RunAsync();

        Assert.Contains("PASS: campaign completed", lines);
        AssertCommonChecks(lines);
        foreach (var region in Regions)
        {
            Assert.Contains($"PASS: {region}: flips green (each exactly once)", lines);
        }
    }

    [Fact]
    public async Task Injected_coverage_drop_rolls_every_flipped_region_back_once_after_the_host_is_killed()
    {
        var lines = await RunAsync("--inject", "ap-south:coverage=0.55");

        Assert.Contains(lines, l => l.StartsWith("PASS: campaign rolled back naming the injected metric (coverage)", StringComparison.Ordinal));
        AssertCommonChecks(lines);

        // eu-west flipped before the kill, so the rollback must have flipped it back exactly once.
        Assert.Contains("PASS: eu-west: flips green,blue (each exactly once)", lines);
        foreach (var region in Regions)
        {
            Assert.Contains(lines, l => l.StartsWith($"PASS: {region}: flips ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_malformed_inject_is_refused_with_exit_code_2_before_anything_starts()
    {
        await using var script = ChildProcess.Start(
            "multiprocess-run", "bash", [Path.Combine(RepoLayout.Root, "infra", "multiprocess-run.sh"), "--no-build", "--inject", "ap-south-coverage"], RepoLayout.Root);

        var exitCode = await script.WaitForExitAsync(TimeSpan.FromSeconds(30));

        output.WriteLine(script.Describe());
        Assert.Equal(2, exitCode);
        Assert.Contains("--inject 'ap-south-coverage' is not REGION:METRIC=VALUE", script.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("silo-0", script.Output, StringComparison.Ordinal);
    }

    private static void AssertCommonChecks(IReadOnlyList<string> lines)
    {
        Assert.Contains(lines, l => l.StartsWith("PASS: silo-", StringComparison.Ordinal) && l.Contains("(the cutover grain's host) was killed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("PASS: a surviving silo", StringComparison.Ordinal));
        foreach (var region in Regions)
        {
            Assert.Contains(lines, l => l.StartsWith($"PASS: {region}: audit chain verifies", StringComparison.Ordinal));
        }

        Assert.Contains("PASS: fleet: lease tokens going backwards: 0", lines);
        Assert.Contains("PASS: fleet: consumer offsets going backwards: 0", lines);
        Assert.Contains("PASS: fleet: lower-epoch reads: 0", lines);
        Assert.Contains("PASS: fleet: writes accepted while frozen: 0", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("FAIL", StringComparison.Ordinal));
    }

    /// <summary>Runs the script to the end; returns its PASS/FAIL lines (prefix stripped) after checking it exited 0.</summary>
    private async Task<IReadOnlyList<string>> RunAsync(params string[] extra)
    {
        var logs = Path.Combine(Path.GetTempPath(), "coordinator-multiprocess-test-" + Guid.NewGuid().ToString("N"));
        string[] arguments =
        [
            Path.Combine(RepoLayout.Root, "infra", "multiprocess-run.sh"),
            "--no-build",
            "--silo-dll", RepoLayout.RequireBuilt(RepoLayout.SiloDll),
            "--console-dll", RepoLayout.RequireBuilt(RepoLayout.ConsoleDll),
            "--keep-logs", logs,
            .. extra,
        ];
        // The storage account through the environment, so an account key never shows on a command line.
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_HOST_PATH"] = RepoLayout.DotnetHost,
            [Azurite.EnvironmentVariable] = Azurite.ConnectionString,
        };
        await using var script = ChildProcess.Start("multiprocess-run", "bash", arguments, RepoLayout.Root, environment);
        try
        {
            int exitCode;
            try
            {
                exitCode = await script.WaitForExitAsync(RunDeadline);
            }
            catch (TimeoutException hung)
            {
                // The process tree is already killed; the message carries everything it printed.
                output.WriteLine(hung.Message);
                throw;
            }

            output.WriteLine(script.Describe());
            Assert.True(exitCode == 0, $"infra/multiprocess-run.sh exited {exitCode}; its output is in the test output");
            return [.. script.Output.Split('\n').Select(l => l.TrimEnd('\r')).Select(WithoutPrefix)];
        }
        finally
        {
            if (Directory.Exists(logs))
            {
                Directory.Delete(logs, recursive: true);
            }
        }
    }

    /// <summary>"multiprocess-run [ 42s]: PASS: ..." → "PASS: ...".</summary>
    private static string WithoutPrefix(string line)
    {
        var at = line.IndexOf("]: ", StringComparison.Ordinal);
        return line.StartsWith("multiprocess-run [", StringComparison.Ordinal) && at >= 0 ? line[(at + 3)..] : line;
    }
}
