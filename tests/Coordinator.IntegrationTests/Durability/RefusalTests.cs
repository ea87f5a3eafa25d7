using Coordinator.IntegrationTests.Infrastructure;

namespace Coordinator.IntegrationTests.Durability;

/// <summary>Refused commands change nothing in storage: a restart shows exactly the accepted history.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class RefusalTests
{
    [Fact]
    public async Task Refused_flips_and_registrations_leave_stored_state_unchanged_across_a_restart()
    {
        var identity = ClusterIdentity.New();
        var service = TestIds.New("svc");
        const string region = "us-east";

        ActiveArmView accepted;
        await using (var first = await AzureTestCluster.StartAsync(identity))
        {
            var pointer = first.Region(service, region);
            await pointer.RegisterArmAsync(Arm.Blue, Samples.Blue, Samples.Operator);

            // Green was never registered: nothing to flip to.
            var unregistered = await Assert.ThrowsAsync<ArmNotRegisteredException>(
                () => pointer.FlipAsync(Samples.Flip(Arm.Green, expectedEpoch: 0)));
            Assert.Equal(Arm.Green, unregistered.Arm);

            // A manifest that is not one: every bad field is refused, nothing is stored.
            var invalid = await Assert.ThrowsAsync<InvalidInputException>(
                () => pointer.RegisterArmAsync(Arm.Green, Samples.Green with { IndexHash = "", SecretsFingerprint = "hunter2" }, Samples.Operator));
            Assert.Contains(invalid.Errors, e => e.Field == "index_hash");
            Assert.Contains(invalid.Errors, e => e.Field == "secrets_fingerprint");

            await pointer.RegisterArmAsync(Arm.Green, Samples.Green, Samples.Operator);

            // A decision taken on an epoch the region is not at.
            var stale = await Assert.ThrowsAsync<StaleEpochException>(
                () => pointer.FlipAsync(Samples.Flip(Arm.Green, expectedEpoch: 5)));
            Assert.Equal(0, stale.Actual);

            var flipped = await pointer.FlipAsync(Samples.Flip(Arm.Green, expectedEpoch: 0));
            Assert.Equal(1, flipped.Epoch);

            // The same decision made again by someone who had not seen the flip.
            await Assert.ThrowsAsync<StaleEpochException>(() => pointer.FlipAsync(Samples.Flip(Arm.Blue, expectedEpoch: 0)));
            await Assert.ThrowsAsync<ArmAlreadyActiveException>(() => pointer.FlipAsync(Samples.Flip(Arm.Green, expectedEpoch: 1)));
            await Assert.ThrowsAsync<ActiveManifestLockedException>(
                () => pointer.RegisterArmAsync(Arm.Green, Samples.Manifest("idx-green-9999"), Samples.Operator));

            accepted = await pointer.GetActiveArmAsync();
        }

        await using var second = await AzureTestCluster.StartAsync(identity);
        var restarted = second.Region(service, region);

        var stored = await restarted.GetActiveArmAsync();
        Assert.Equal(accepted, stored);
        Assert.Equal(Arm.Green, stored.ActiveArm);
        Assert.Equal(1, stored.Epoch);
        Assert.Equal(Samples.Green, stored.Green);

        var audit = await restarted.GetAuditAsync();
        Assert.Equal(["register-arm", "register-arm", "flip"], audit.Select(e => e.Command));
        var verification = await restarted.VerifyAuditAsync();
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));

        // Storage, not a surviving activation, is what refuses the stale epoch now.
        await Assert.ThrowsAsync<StaleEpochException>(() => restarted.FlipAsync(Samples.Flip(Arm.Blue, expectedEpoch: 0)));
        Assert.Equal(stored, await restarted.GetActiveArmAsync());
    }
}
