using System.Globalization;
using Coordinator.Client.Connection;
using Coordinator.Console.App;
using Coordinator.ConsoleTests.Infrastructure;

namespace Coordinator.ConsoleTests.Commands;

/// <summary>Named connections: saved without secrets, used by commands that give no connection flags, overridden by flags.</summary>
public sealed class ContextTests(ClusterFixture cluster) : ClusterTestBase(cluster), IDisposable
{
    private readonly string _config = Path.Combine(Path.GetTempPath(), "coordinator-contexts-" + Guid.NewGuid().ToString("N"), "contexts.json");

    private ConsoleEnvironment Environment(params (string Name, string Value)[] more) =>
        ConsoleEnvironment.From(new Dictionary<string, string>(more.Select(m => KeyValuePair.Create(m.Name, m.Value)))
        {
            [ConnectionContexts.ConfigVariable] = _config,
        });

    public void Dispose()
    {
        if (Directory.Exists(Path.GetDirectoryName(_config)))
        {
            Directory.Delete(Path.GetDirectoryName(_config)!, recursive: true);
        }
    }

    [Fact]
    public async Task A_command_without_connection_flags_reaches_the_cluster_of_the_current_context()
    {
        var service = Cluster.NewService("ctx");
        await RegisterBothAsync(service, "eu-west");
        var add = await ConsoleRun.RunAsync(
            ["context", "add", "local", "--mode", "embedded", "--cluster-id", ClusterFixture.ClusterId, "--service-id", ClusterFixture.ServiceId,
             "--gateway-port", Cluster.GatewayPort.ToString(CultureInfo.InvariantCulture), "--use"],
            Environment());

        var status = await ConsoleRun.RunAsync(["status", service], Environment());

        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("idx-green-0002", status.Output);
    }

    [Fact]
    public async Task A_flag_wins_over_the_context_and_an_unknown_context_is_exit_2()
    {
        await ConsoleRun.RunAsync(["context", "add", "elsewhere", "--mode", "embedded", "--gateway-port", "1", "--use"], Environment());
        var service = Cluster.NewService("ctx-flag");
        await RegisterBothAsync(service, "eu-west");

        var overridden = await ConsoleRun.RunAsync([.. new[] { "status", service }, .. Cluster.ConnectionArgs], Environment());
        var unknown = await ConsoleRun.RunAsync(["status", service, "--context", "nope"], Environment());

        Assert.True(overridden.ExitCode == 0, overridden.ToString());
        Assert.Equal(ExitCodes.InvalidInput, unknown.ExitCode);
        Assert.Contains("'nope' is not a context", unknown.Errors);
    }

    [Fact]
    public async Task A_connection_string_is_never_written_only_where_to_read_it()
    {
        var plain = await ConsoleRun.RunAsync(["context", "add", "prod", "--mode", "azure", "--connection-string", "AccountKey=secret"], Environment());
        var byVariable = await ConsoleRun.RunAsync(["context", "add", "prod", "--mode", "azure", "--cluster-id", "c1", "--connection-string-env", "PROD_STORAGE"], Environment());
        var list = await ConsoleRun.RunAsync(["context", "list"], Environment());

        Assert.Equal(ExitCodes.InvalidInput, plain.ExitCode);
        Assert.Contains("--connection-string", plain.Errors);
        Assert.True(byVariable.ExitCode == 0, byVariable.ToString());
        Assert.DoesNotContain("secret", File.ReadAllText(_config), StringComparison.Ordinal);
        Assert.Contains("$PROD_STORAGE", list.Output);
    }

    [Fact]
    public async Task An_azure_context_whose_variable_is_unset_is_exit_2_naming_it_before_connecting()
    {
        await ConsoleRun.RunAsync(["context", "add", "prod", "--mode", "azure", "--connection-string-env", "PROD_STORAGE", "--use"], Environment());

        var status = await ConsoleRun.RunAsync(["status", "rag-api"], Environment());

        Assert.Equal(ExitCodes.InvalidInput, status.ExitCode);
        Assert.Contains("$PROD_STORAGE", status.Errors);
    }

    [Fact]
    public async Task Use_switches_the_current_context_and_list_marks_it()
    {
        await ConsoleRun.RunAsync(["context", "add", "one", "--mode", "embedded"], Environment());
        await ConsoleRun.RunAsync(["context", "add", "two", "--mode", "embedded"], Environment());

        var use = await ConsoleRun.RunAsync(["context", "use", "two"], Environment());
        var missing = await ConsoleRun.RunAsync(["context", "use", "three"], Environment());
        var list = await ConsoleRun.RunAsync(["context", "list"], Environment());

        Assert.True(use.ExitCode == 0, use.ToString());
        Assert.Equal(ExitCodes.InvalidInput, missing.ExitCode);
        Assert.Contains(list.Output.Split('\n'), line => line.Contains('*') && line.Contains("two", StringComparison.Ordinal));
        Assert.DoesNotContain(list.Output.Split('\n'), line => line.Contains('*') && line.Contains("one", StringComparison.Ordinal));
    }
}
