using Coordinator.ConsoleTests.Infrastructure;

namespace Coordinator.ConsoleTests.Fences;

/// <summary>Bad input to the lease and consumer commands is refused with exit 2, naming the field, before connecting.</summary>
public sealed class FenceArgumentTests
{
    public static TheoryData<string[], string[]> BadInput => new()
    {
        { ["leases", "rag-api", "EU_West"], ["region", "EU_West"] },
        { ["leases", "rag-api", "eu-west", "--writers", "indexer,Bad_Writer"], ["--writers", "Bad_Writer"] },
        { ["consumers", "rag-api", "eu-west", "--groups", ","], ["--groups", "names nothing"] },
        { ["consumers", "configure", "rag-api", "eu-west", "orders", "--partitions", "0"], ["--consumer-ver: is required", "--partitions: must be between 1 and 4096 (got 0)"] },
        { ["consumers", "configure", "rag-api", "eu-west", "Orders", "--consumer-ver", "cv 1", "--partitions", "many"], ["group", "--consumer-ver", "--partitions: 'many' is not a whole number"] },
        { ["consumers", "move", "rag-api", "eu-west", "orders", "--to", "cv-2", "--reason", "x", "--drain-timeout", "30x"], ["--drain-timeout: '30x' is not a duration"] },
        { ["consumers", "move", "rag-api", "eu-west", "orders", "--to", "cv-2", "--reason", "x", "--drain-timeout", "31m"], ["--drain-timeout: must be between 1s and 30m (got 31m)"] },
        { ["consumers", "move", "rag-api", "eu-west", "orders", "--drain-timeout", "500ms"], ["--to: is required", "--reason: is required", "--drain-timeout: must be between 1s and 30m (got 500ms)"] },
        { ["consumers", "reset", "rag-api", "eu-west", "orders", "--partition", "-1", "--offset", "ten"], ["--partition: must be at least 0 (got -1)", "--offset: 'ten' is not a whole number", "--reason: is required"] },
        { ["consumers", "reset", "rag-api", "eu-west", "orders", "--reason", "x"], ["--partition: is required", "--offset: is required"] },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_exits_2_naming_every_bad_field_without_connecting(string[] args, string[] expected)
    {
        var connector = new NoClusterConnector();

        var run = await ConsoleRun.RunAsync(args, connector: connector);

        Assert.True(run.ExitCode == 2, run.ToString());
        foreach (var text in expected)
        {
            Assert.Contains(text, run.Errors);
        }

        Assert.Equal(0, connector.Attempts);
    }

    [Fact]
    public async Task Good_input_does_reach_the_connector()
    {
        // The counterpart of the theory above: the same connector does see a valid command.
        var connector = new NoClusterConnector();

        var run = await ConsoleRun.RunAsync(["consumers", "move", "rag-api", "eu-west", "orders", "--to", "cv-2", "--reason", "x", "--drain-timeout", "2m"], connector: connector);

        Assert.Equal(1, connector.Attempts);
        Assert.True(run.ExitCode == 1, run.ToString());
    }
}
