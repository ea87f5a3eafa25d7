using Coordinator.IntegrationTests.Infrastructure;

namespace Coordinator.IntegrationTests.Durability;

/// <summary>A region's pointer is durable: a whole-cluster restart on the same storage loses nothing.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class ClusterRestartTests
{
    [Fact]
    public async Task Pointer_manifests_and_audit_survive_a_full_cluster_restart()
    {
        var identity = ClusterIdentity.New();
        var service = TestIds.New("svc");
        const string region = "eu-west";

        ActiveArmView before;
        IReadOnlyList<AuditEntry> auditBefore;
        await using (var first = await AzureTestCluster.StartAsync(identity))
        {
            var pointer = first.Region(service, region);
            await Samples.RegisterBothAsync(pointer);
            await pointer.FlipAsync(Samples.Flip(Arm.Green, expectedEpoch: 0, reason: "cut over to green"));
            await pointer.ClaimAsync("campaign-1", Samples.Operator);
            await pointer.ReleaseAsync("campaign-1", Samples.Operator);
            before = await pointer.GetActiveArmAsync();
            auditBefore = await pointer.GetAuditAsync();
        }

        Assert.Equal(Arm.Green, before.ActiveArm);
        Assert.Equal(1, before.Epoch);
        Assert.Equal(5, auditBefore.Count); // register blue, register green, flip, claim, release

        // Nothing of the first cluster runs any more: whatever the second one knows came from storage.
        await using var second = await AzureTestCluster.StartAsync(identity);
        var restarted = second.Region(service, region);

        var after = await restarted.GetActiveArmAsync();
        Assert.Equal(before, after);
        Assert.Equal(Samples.Blue, after.Blue);
        Assert.Equal(Samples.Green, after.Green);
        Assert.Null(after.OwnerCampaign);

        var auditAfter = await restarted.GetAuditAsync();
        Assert.Equal(auditBefore, auditAfter);
        var verification = await restarted.VerifyAuditAsync();
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        Assert.Equal(auditBefore.Count, verification.EntryCount);
        Assert.Equal(auditBefore[^1].Hash, verification.HeadHash);

        // And the restarted pointer carries on from the stored epoch.
        var rollback = await restarted.FlipAsync(Samples.Flip(Arm.Blue, expectedEpoch: 1, reason: "roll back"));
        Assert.Equal(2, rollback.Epoch);
        Assert.Equal(Arm.Green, rollback.From);
        var extended = await restarted.VerifyAuditAsync();
        Assert.True(extended.IsValid, string.Join("; ", extended.Problems));
        Assert.Equal(auditBefore.Count + 1, extended.EntryCount);
    }

    [Fact]
    public async Task A_history_longer_than_the_pointers_tail_is_read_back_whole_from_sealed_segments_after_a_restart()
    {
        var identity = ClusterIdentity.New();
        var service = TestIds.New("svc");
        IReadOnlyList<AuditEntry> before;
        await using (var first = await AzureTestCluster.StartAsync(identity))
        {
            var pointer = first.Region(service, "eu-west");
            await Samples.RegisterBothAsync(pointer);
            for (var epoch = 0L; epoch < 70; epoch++)
            {
                await pointer.FlipAsync(Samples.Flip(epoch % 2 == 0 ? Arm.Green : Arm.Blue, expectedEpoch: epoch));
            }

            before = await pointer.GetAuditAsync();
        }

        await using var second = await AzureTestCluster.StartAsync(identity);
        var restarted = second.Region(service, "eu-west");
        var after = await restarted.GetAuditAsync();
        Assert.Equal(72, after.Count);
        Assert.Equal(before, after);
        var verification = await restarted.VerifyAuditAsync();
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        Assert.Equal(70, (await restarted.GetActiveArmAsync()).Epoch);
    }
}
