using System.Text.RegularExpressions;
using Coordinator.ConsoleTests.Infrastructure;

namespace Coordinator.ConsoleTests.Commands;

public sealed class FlipTests(ClusterFixture cluster) : ClusterTestBase(cluster)
{
    [Fact]
    public async Task Flip_moves_the_region_to_green_at_the_next_epoch_and_status_shows_it()
    {
        var service = Cluster.NewService("flip");
        await RegisterBothAsync(service, "eu-west");

        var flip = await Cluster.RunAsync("flip", service, "eu-west", "--to", "green", "--reason", "gates passed", "--operator", "bob");

        Assert.True(flip.ExitCode == 0, flip.ToString());
        Assert.Contains("blue → green", flip.Output);
        Assert.Contains("epoch 0 → 1", flip.Output);
        var view = await Cluster.ViewAsync(service, "eu-west");
        Assert.Equal(Arm.Green, view.ActiveArm);
        Assert.Equal(1, view.Epoch);

        var status = await Cluster.RunAsync("status", service);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Matches(new Regex(@"eu-west\s*│\s*green\s*│\s*1\s*│"), status.Output);
    }

    [Fact]
    public async Task Flip_to_the_arm_that_is_already_active_is_refused_with_exit_3()
    {
        var service = Cluster.NewService("active");
        await RegisterBothAsync(service, "eu-west");

        var run = await Cluster.RunAsync("flip", service, "eu-west", "--to", "blue", "--reason", "no-op");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains(nameof(CoordinatorErrorCode.ArmAlreadyActive), run.Errors);
        Assert.Contains("already active", run.Errors);
        Assert.DoesNotContain("   at ", run.All);
        Assert.Equal(0, (await Cluster.ViewAsync(service, "eu-west")).Epoch);
    }

    [Fact]
    public async Task Flip_with_a_stale_expected_epoch_is_refused_with_exit_3_and_changes_nothing()
    {
        var service = Cluster.NewService("stale");
        await RegisterBothAsync(service, "eu-west");
        var first = await Cluster.RunAsync("flip", service, "eu-west", "--to", "green", "--reason", "wave 1", "--expected-epoch", "0");
        Assert.True(first.ExitCode == 0, first.ToString());

        var stale = await Cluster.RunAsync("flip", service, "eu-west", "--to", "blue", "--reason", "rollback", "--expected-epoch", "0");

        Assert.True(stale.ExitCode == 3, stale.ToString());
        Assert.Contains(nameof(CoordinatorErrorCode.StaleEpoch), stale.Errors);
        var view = await Cluster.ViewAsync(service, "eu-west");
        Assert.Equal(Arm.Green, view.ActiveArm);
        Assert.Equal(1, view.Epoch);
    }

    [Fact]
    public async Task Replaying_an_idempotency_key_reports_the_first_result_and_flips_nothing()
    {
        var service = Cluster.NewService("replay");
        await RegisterBothAsync(service, "eu-west");
        string[] flip = ["flip", service, "eu-west", "--to", "green", "--reason", "wave 1", "--expected-epoch", "0", "--idempotency-key", "chg-1142-eu-west"];

        var first = await Cluster.RunAsync(flip);
        var second = await Cluster.RunAsync(flip);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("already applied", second.Output);
        Assert.Equal(1, (await Cluster.ViewAsync(service, "eu-west")).Epoch);
        Assert.Equal(3, (await Cluster.Pointer(service, "eu-west").GetAuditAsync()).Count);
    }

    [Fact]
    public async Task Flip_to_an_arm_without_a_manifest_is_refused_with_exit_3()
    {
        var service = Cluster.NewService("unreg");
        await RegisterAsync(service, "eu-west", "blue", TestManifests.Blue);

        var run = await Cluster.RunAsync("flip", service, "eu-west", "--to", "green", "--reason", "too early");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains(nameof(CoordinatorErrorCode.ArmNotRegistered), run.Errors);
        Assert.Equal(Arm.Blue, (await Cluster.ViewAsync(service, "eu-west")).ActiveArm);
    }
}
