using System.Collections.Immutable;

namespace Coordinator.ClusterTests;

[Collection(ClusterCollection.Name)]
public sealed class BadInputTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Theory]
    [InlineData("Rag_API/eu-west", "service")]
    [InlineData("rag-api/EU West", "region")]
    [InlineData("rag-api", "key")]
    public async Task Invalid_service_or_region_names_are_refused_naming_the_field(string key, string field)
    {
        var grain = Client.GetGrain<ISwitchoverGrain>(key);

        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => grain.RegisterArmAsync(Arm.Blue, Fixtures.Manifest("idx"), "alice"));

        Assert.Contains(ex.Errors, e => e.Field == field);
        await Assert.ThrowsAsync<InvalidInputException>(() => grain.GetActiveArmAsync());
    }

    [Fact]
    public async Task Missing_manifest_fields_are_all_named_and_nothing_is_stored()
    {
        var region = Fixtures.NewRegion();
        var grain = Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(Fixtures.Service, region));
        var manifest = Fixtures.Manifest("idx") with { IndexHash = "", ModelVer = "", SecretsFingerprint = "plain-secret" };

        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => grain.RegisterArmAsync(Arm.Green, manifest, "alice"));

        Assert.Equal(["index_hash", "model_ver", "secrets_fingerprint"], ex.Errors.Select(e => e.Field));
        Assert.DoesNotContain("plain-secret", ex.Message, StringComparison.Ordinal);
        var view = await grain.GetActiveArmAsync();
        Assert.Null(view.Green);
        Assert.Empty(await grain.GetAuditAsync());
    }

    [Fact]
    public async Task Unknown_arm_unregistered_arm_and_flip_to_the_active_arm_change_nothing()
    {
        var region = Fixtures.NewRegion();
        var grain = Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(Fixtures.Service, region));
        await grain.RegisterArmAsync(Arm.Blue, Fixtures.Manifest("idx-blue"), "alice");
        var before = await Snapshot(grain);

        var unknown = await Assert.ThrowsAsync<InvalidInputException>(() => grain.RegisterArmAsync((Arm)5, Fixtures.Manifest("idx"), "alice"));
        Assert.Equal("arm", Assert.Single(unknown.Errors).Field);
        var unknownFlip = await Assert.ThrowsAsync<InvalidInputException>(() => grain.FlipAsync(Fixtures.Flip((Arm)5, 0)));
        Assert.Equal("to", Assert.Single(unknownFlip.Errors).Field);
        var unregistered = await Assert.ThrowsAsync<ArmNotRegisteredException>(() => grain.FlipAsync(Fixtures.Flip(Arm.Green, 0)));
        Assert.Equal(CoordinatorErrorCode.ArmNotRegistered, unregistered.Code);

        await grain.RegisterArmAsync(Arm.Green, Fixtures.Manifest("idx-green"), "alice");
        var registered = await Snapshot(grain);
        var active = await Assert.ThrowsAsync<ArmAlreadyActiveException>(() => grain.FlipAsync(Fixtures.Flip(Arm.Blue, 0)));
        Assert.Contains("already active", active.Message, StringComparison.Ordinal);
        var locked = await Assert.ThrowsAsync<ActiveManifestLockedException>(() => grain.RegisterArmAsync(Arm.Blue, Fixtures.Manifest("idx-new"), "alice"));
        Assert.Equal(Arm.Blue, locked.Arm);

        Assert.Equal(before.Epoch, registered.Epoch);
        Assert.Equal(before.AuditCount + 1, registered.AuditCount);
        Assert.Equal(registered, await Snapshot(grain));
    }

    private static async Task<(Arm Arm, long Epoch, string? Blue, string? Green, int AuditCount, string Head)> Snapshot(ISwitchoverGrain grain)
    {
        var view = await grain.GetActiveArmAsync();
        var audit = await grain.VerifyAuditAsync();
        Assert.True(audit.IsValid);
        return (view.ActiveArm, view.Epoch, view.Blue?.IndexHash, view.Green?.IndexHash, audit.EntryCount, audit.HeadHash);
    }

    [Fact]
    public async Task Label_errors_are_refused_over_the_wire()
    {
        var grain = Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(Fixtures.Service, Fixtures.NewRegion()));
        var manifest = Fixtures.Manifest("idx") with
        {
            Labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("Bad Key", "v")]),
        };

        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => grain.RegisterArmAsync(Arm.Blue, manifest, "alice"));
        Assert.Equal("labels.Bad Key", Assert.Single(ex.Errors).Field);
    }
}
