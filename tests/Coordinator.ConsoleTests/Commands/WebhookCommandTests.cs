using Coordinator.Console.App;
using Coordinator.ConsoleTests.Infrastructure;
using Coordinator.Notifications;

namespace Coordinator.ConsoleTests.Commands;

/// <summary>`webhook set|list|remove`: the secret comes from an environment variable and is never printed, nor is the URL.</summary>
public sealed class WebhookCommandTests(ClusterFixture cluster) : ClusterTestBase(cluster)
{
    private const string Secret = "console-webhook-secret-01";
    private const string Url = "https://hooks.slack.com/services/T0/B0/TOKENinTHEpath";

    private Task<ConsoleRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ConsoleRun.RunAsync([.. args, .. Cluster.ConnectionArgs], ConsoleEnvironment.From(environment));

    private IWebhookDirectoryGrain Directory(string service) => Cluster.Client.GetGrain<IWebhookDirectoryGrain>(service);

    [Fact]
    public async Task Set_reads_the_secret_from_the_environment_and_neither_set_nor_list_prints_it_or_the_url()
    {
        var service = Cluster.NewService("hook-set");

        var set = await RunAsync(new Dictionary<string, string> { ["OPS_HOOK_SECRET"] = Secret },
            "webhook", "set", service, "ops-slack", "--url", Url, "--secret-env", "OPS_HOOK_SECRET", "--format", "slack", "--events", "gate_failed,rolled_back", "--operator", "dana");
        var list = await RunAsync(new Dictionary<string, string>(), "webhook", "list", service);

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.True(list.ExitCode == 0, list.ToString());
        foreach (var run in new[] { set, list })
        {
            Assert.DoesNotContain(Secret, run.All, StringComparison.Ordinal);
            Assert.DoesNotContain("TOKENinTHEpath", run.All, StringComparison.Ordinal);
        }

        Assert.Contains("https://hooks.slack.com", list.Output, StringComparison.Ordinal);
        Assert.Contains(WebhookDirectoryRules.Fingerprint(Url), list.Output, StringComparison.Ordinal);
        var target = await Directory(service).GetTargetAsync("ops-slack");
        Assert.Equal((Url, Secret, WebhookFormat.Slack, "dana"), (target!.Url, target.Secret, target.Format, target.UpdatedBy));
        Assert.Equal([NotificationKind.GateFailed, NotificationKind.RolledBack], target.Events);
    }

    [Fact]
    public async Task Bad_options_are_exit_2_each_named_and_nothing_is_set()
    {
        var service = Cluster.NewService("hook-bad");

        var run = await RunAsync(new Dictionary<string, string>(),
            "webhook", "set", service, "ops", "--url", "ftp://hooks.example.com/x", "--secret-env", "1-BAD", "--events", "started,flipped", "--format", "teams");

        Assert.True(run.ExitCode == 2, run.ToString());
        foreach (var field in new[] { "--url", "--secret-env", "--events[1]", "--format" })
        {
            Assert.Contains(field + ":", run.Errors, StringComparison.Ordinal);
        }

        Assert.Empty(await Directory(service).ListAsync());
    }

    [Fact]
    public async Task A_new_webhook_needs_a_secret_variable_that_is_set()
    {
        var service = Cluster.NewService("hook-secret");

        var missing = await RunAsync(new Dictionary<string, string>(), "webhook", "set", service, "ops", "--url", "https://hooks.example.com/x");
        var unset = await RunAsync(new Dictionary<string, string>(), "webhook", "set", service, "ops", "--url", "https://hooks.example.com/x", "--secret-env", "NOT_SET");
        var tooShort = await RunAsync(new Dictionary<string, string> { ["HOOK_SECRET"] = "tiny-secret" }, "webhook", "set", service, "ops", "--url", "https://hooks.example.com/x", "--secret-env", "HOOK_SECRET");

        foreach (var run in new[] { missing, unset, tooShort })
        {
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains("--secret-env:", run.Errors, StringComparison.Ordinal);
            Assert.DoesNotContain("tiny-secret", run.All, StringComparison.Ordinal);
        }

        Assert.Contains("NOT_SET", unset.Errors, StringComparison.Ordinal);
        Assert.Empty(await Directory(service).ListAsync());
    }

    [Fact]
    public async Task Remove_takes_a_webhook_away_and_an_unknown_one_is_exit_2()
    {
        var service = Cluster.NewService("hook-remove");
        var set = await RunAsync(new Dictionary<string, string> { ["HOOK_SECRET"] = Secret }, "webhook", "set", service, "ops", "--url", "https://hooks.example.com/x", "--secret-env", "HOOK_SECRET");
        Assert.True(set.ExitCode == 0, set.ToString());

        var removed = await RunAsync(new Dictionary<string, string>(), "webhook", "remove", service, "ops");
        var again = await RunAsync(new Dictionary<string, string>(), "webhook", "remove", service, "ops");

        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Empty(await Directory(service).ListAsync());
        Assert.True(again.ExitCode == 2, again.ToString());
        Assert.Contains("'ops' is not a webhook of", again.Errors, StringComparison.Ordinal);
    }
}
