using Coordinator.ConsoleTests.Infrastructure;

namespace Coordinator.ConsoleTests.Commands;

public sealed class BadManifestTests(ClusterFixture cluster) : ClusterTestBase(cluster)
{
    [Fact]
    public async Task A_manifest_with_missing_fields_a_non_hash_fingerprint_and_an_unknown_key_is_refused_naming_every_field()
    {
        var service = Cluster.NewService("badfile");
        await RegisterAsync(service, "eu-west", "blue", TestManifests.Blue);
        var bad = TestManifests.Green
            .Without("embed_schema", "model_ver", "consumer_ver")
            .With("secrets_fingerprint", "hunter2-not-a-hash")
            .With("colour", "green");

        var run = await Cluster.RunAsync("arms", "register", service, "eu-west", "green", Cluster.WriteFile(TestManifests.Json(bad)));

        Assert.True(run.ExitCode == 2, run.ToString());
        foreach (var field in new[] { "embed_schema", "model_ver", "consumer_ver", "secrets_fingerprint", "colour" })
        {
            Assert.Contains(field, run.Errors);
        }

        Assert.DoesNotContain("hunter2", run.All);
        Assert.DoesNotContain("   at ", run.All);
        var view = await Cluster.ViewAsync(service, "eu-west");
        Assert.Null(view.Green);
        Assert.Equal("idx-blue-0001", view.Blue?.IndexHash);
        Assert.Single(await Cluster.Pointer(service, "eu-west").GetAuditAsync());
    }

    [Fact]
    public async Task A_bad_manifest_for_a_new_region_leaves_no_trace_in_the_service_directory()
    {
        var service = Cluster.NewService("badnew");

        var run = await Cluster.RunAsync("arms", "register", service, "us-east", "blue", Cluster.WriteFile("{\"index_hash\": 42}"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("index_hash", run.Errors);
        Assert.Contains("must be a string", run.Errors);
        Assert.Contains("prompt_ver", run.Errors);
        Assert.Empty(await Cluster.Client.GetGrain<IServiceDirectoryGrain>(service).GetRegionsAsync());
        Assert.Null((await Cluster.ViewAsync(service, "us-east")).Blue);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("[1, 2]", "must be a JSON object")]
    public async Task A_file_that_is_not_a_manifest_object_exits_2(string content, string expected)
    {
        var run = await Cluster.RunAsync("arms", "register", Cluster.NewService("notjson"), "eu-west", "blue", Cluster.WriteFile(content));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.Errors);
    }

    [Fact]
    public async Task A_missing_manifest_file_exits_2()
    {
        var run = await Cluster.RunAsync("arms", "register", Cluster.NewService("nofile"), "eu-west", "blue", "/nonexistent/manifest.json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("file not found", run.Errors);
    }

    [Fact]
    public async Task The_manifest_is_checked_before_connecting()
    {
        // No silo listens on a freshly freed port: reaching the cluster would be exit code 4.
        var unused = Hosting.FreePorts.Take(1)[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
        var file = Cluster.WriteFile(TestManifests.Json(TestManifests.Blue.Without("index_hash")));

        var run = await ConsoleRun.RunAsync(["arms", "register", "svc", "eu-west", "blue", file, "--gateway-port", unused]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("index_hash", run.Errors);
    }
}
