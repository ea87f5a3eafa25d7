using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Coordinator.Domain;
using Coordinator.Hosting;
using Coordinator.IntegrationTests.Infrastructure;
using Coordinator.Switchover;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Coordinator.IntegrationTests.Audit;

/// <summary>
/// Someone who can write the storage account but lacks the audit key rewrites a pointer's history:
/// they change an entry, recompute its public SHA-256 and every later link and the kept head, and
/// upload the blob. `audit --verify` must catch it (exit 5) because the grain checks with the key.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class AuditTamperTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ConsoleDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_pointer_chain_rewritten_in_storage_with_its_head_fails_audit_verify_with_exit_5()
    {
        var identity = ClusterIdentity.New();
        var service = TestIds.New("svc");
        const string region = "eu-west";
        await using (var first = await AzureTestCluster.StartAsync(identity))
        {
            var pointer = first.Region(service, region);
            await Samples.RegisterBothAsync(pointer);
            await pointer.FlipAsync(Samples.Flip(Arm.Green, expectedEpoch: 0, reason: "cut over to green"));
        }

        // A fresh cluster on the same storage: the pointer is not active yet, so it will read the blob as we leave it.
        await using var second = await StartReachableAsync(identity);
        var (exitBefore, untouched) = await VerifyWithConsoleAsync(second, service, region);
        Assert.True(exitBefore == 0, untouched);

        await using var third = await RestartAsync(second, identity);
        await RewriteWithoutTheKeyAsync(third, service);

        var (exitAfter, console) = await VerifyWithConsoleAsync(third, service, region);
        output.WriteLine(console);
        Assert.Equal(5, exitAfter);
        Assert.Contains("audit chain verification FAILED", console, StringComparison.Ordinal);
        Assert.Contains("grain: entry #2 (register-arm) does not match its keyed hash", console, StringComparison.Ordinal);
        Assert.Contains("grain: entry #3 (flip) does not match its keyed hash", console, StringComparison.Ordinal);
        Assert.DoesNotContain("local:", console, StringComparison.Ordinal);
    }

    private static async Task<AzureTestCluster> RestartAsync(AzureTestCluster running, ClusterIdentity identity)
    {
        await running.StopAsync();
        return await StartReachableAsync(identity);
    }

    /// <summary>Over TCP rather than the test cluster's in-memory transport, so the console process can connect.</summary>
    private static Task<AzureTestCluster> StartReachableAsync(ClusterIdentity identity) =>
        AzureTestCluster.StartAsync(identity, configure: b => b.Options.ConnectionTransport = ConnectionTransportType.TcpSocket);

    /// <summary>Alters entry #2's operator, recomputes its unkeyed hash, relinks #3, and rewrites the kept head.</summary>
    private static async Task RewriteWithoutTheKeyAsync(AzureTestCluster cluster, string service)
    {
        // The attacker reads the stored format with the product's own serializer; the key is not in the blob.
        var silo = (InProcessSiloHandle)cluster.Cluster.Silos[0];
        var serializer = silo.SiloHost.Services.GetRequiredService<IGrainStorageSerializer>();
        var container = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient($"{cluster.Identity.ServiceId.ToLowerInvariant()}-grainstate");

        BlobItem? found = null;
        await foreach (var item in container.GetBlobsAsync())
        {
            if (item.Name.Contains(service, StringComparison.Ordinal) && item.Name.Contains("switchover", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Null(found);
                found = item;
            }
        }

        Assert.NotNull(found);
        var blob = container.GetBlobClient(found.Name);
        var stored = await blob.DownloadContentAsync();
        var state = serializer.Deserialize<SwitchoverState>(stored.Value.Content) ?? throw new InvalidOperationException("the pointer blob holds no state");
        Assert.Equal(3, state.Audit.Count);

        var chain = state.Audit.ToList();
        for (var i = 1; i < chain.Count; i++)
        {
            var entry = i == 1 ? chain[i] with { Operator = "mallory" } : chain[i];
            entry = entry with { PreviousHash = chain[i - 1].Hash };
            chain[i] = entry with { Hash = AuditChain.ComputeHash(entry) };
        }

        var forged = state with { Audit = [.. chain], AuditHead = chain[^1].Hash };
        Assert.True(AuditChain.Verify(forged.Audit, forged.AuditHead, forged.AuditCount).IsValid, "the forgery must pass every check that needs no key");

        await blob.UploadAsync(
            serializer.Serialize(forged),
            new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = stored.Value.Details.ETag } });
    }

    private static async Task<(int ExitCode, string Output)> VerifyWithConsoleAsync(AzureTestCluster cluster, string service, string region)
    {
        string[] arguments =
        [
            "audit", service, region, "--verify",
            "--mode", StorageMode.Azure,
            "--connection-string", Azurite.ConnectionString,
            "--cluster-id", cluster.Identity.ClusterId,
            "--service-id", cluster.Identity.ServiceId,
        ];
        await using var console = ChildProcess.StartDotnet("console", RepoLayout.RequireBuilt(RepoLayout.ConsoleDll), arguments);
        var exitCode = await console.WaitForExitAsync(ConsoleDeadline);
        return (exitCode, console.Output);
    }
}
