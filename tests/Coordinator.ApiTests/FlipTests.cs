using System.Net;

namespace Coordinator.ApiTests;

[Collection(ApiCollection.Name)]
public sealed class FlipTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_flip_on_the_current_epoch_moves_the_region_and_the_audit_names_the_principal()
    {
        var service = fixture.NewService("flip");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("olga");

        var response = await client.SendAsync(FlipRequest(service, """{"to":"green","reason":"cutover"}""", ifMatch: "\"0\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var body = await ApiFixture.ReadJsonAsync(response);
        Assert.Equal("green", body.GetProperty("to").GetString());
        Assert.Equal(1, body.GetProperty("epoch").GetInt64());
        var audit = await fixture.Pointer(service, "eu-west").GetAuditAsync();
        Assert.Equal("flip", audit[^1].Command);
        Assert.Equal("olga", audit[^1].Operator);
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_changes_nothing()
    {
        var service = fixture.NewService("stale");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("olga");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(FlipRequest(service, """{"to":"green","reason":"first"}""", ifMatch: "\"0\""))).StatusCode);
        var before = await fixture.Pointer(service, "eu-west").GetAuditAsync();

        var response = await client.SendAsync(FlipRequest(service, """{"to":"blue","reason":"late"}""", ifMatch: "\"0\""));

        await Problems.AssertAsync(response, HttpStatusCode.PreconditionFailed, "stale-epoch");
        var view = await fixture.Pointer(service, "eu-west").GetActiveArmAsync();
        Assert.Equal((Arm.Green, 1L), (view.ActiveArm, view.Epoch));
        Assert.Equal(before.Count, (await fixture.Pointer(service, "eu-west").GetAuditAsync()).Count);
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_returns_the_first_result_even_after_the_epoch_moved()
    {
        var service = fixture.NewService("replay");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("olga");
        var body = """{"to":"green","reason":"cutover"}""";

        var first = await ApiFixture.ReadJsonAsync(await client.SendAsync(FlipRequest(service, body, key: "key-1")));
        var replay = await client.SendAsync(FlipRequest(service, body, key: "key-1"));

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var again = await ApiFixture.ReadJsonAsync(replay);
        Assert.True(again.GetProperty("replayed").GetBoolean());
        Assert.Equal(first.GetProperty("epoch").GetInt64(), again.GetProperty("epoch").GetInt64());
        Assert.Equal(first.GetProperty("audit_hash").GetString(), again.GetProperty("audit_hash").GetString());
        Assert.Equal(1, (await fixture.Pointer(service, "eu-west").GetActiveArmAsync()).Epoch);
    }

    [Fact]
    public async Task The_same_idempotency_key_with_another_body_is_409_and_changes_nothing()
    {
        var service = fixture.NewService("conflict");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("olga");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(FlipRequest(service, """{"to":"green","reason":"cutover"}""", key: "key-2"))).StatusCode);

        var response = await client.SendAsync(FlipRequest(service, """{"to":"green","reason":"another reason"}""", key: "key-2"));

        await Problems.AssertAsync(response, HttpStatusCode.Conflict, "idempotency-key-conflict");
        Assert.Equal(1, (await fixture.Pointer(service, "eu-west").GetActiveArmAsync()).Epoch);
    }

    [Fact]
    public async Task A_region_claimed_by_a_campaign_is_423()
    {
        var service = fixture.NewService("claimed");
        await fixture.RegisterBothAsync(service, "eu-west");
        await fixture.Pointer(service, "eu-west").ClaimAsync("camp-1", "tests");
        using var client = fixture.As("olga");

        var response = await client.SendAsync(FlipRequest(service, """{"to":"green","reason":"manual"}"""));

        var problem = await Problems.AssertAsync(response, HttpStatusCode.Locked, "region-claimed");
        Assert.Contains("camp-1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flip_to_the_active_arm_is_409()
    {
        var service = fixture.NewService("active-arm");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("olga");

        await Problems.AssertAsync(await client.SendAsync(FlipRequest(service, """{"to":"blue","reason":"noop"}""")), HttpStatusCode.Conflict, "arm-already-active");
    }

    [Fact]
    public async Task Replacing_the_active_arms_manifest_is_409_and_an_identical_one_is_unchanged()
    {
        var service = fixture.NewService("locked");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("olga");

        var same = await client.PutAsync($"api/v1/services/{service}/regions/eu-west/arms/blue", ApiFixture.Json(Manifests.Json("idx-blue")));
        var replaced = await client.PutAsync($"api/v1/services/{service}/regions/eu-west/arms/blue", ApiFixture.Json(Manifests.Json("idx-other")));

        Assert.False((await ApiFixture.ReadJsonAsync(same)).GetProperty("changed").GetBoolean());
        await Problems.AssertAsync(replaced, HttpStatusCode.Conflict, "active-manifest-locked");
    }

    [Fact]
    public async Task Audit_with_verify_vouches_for_the_chain()
    {
        var service = fixture.NewService("audit");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var operatorClient = fixture.As("olga");
        await operatorClient.SendAsync(FlipRequest(service, """{"to":"green","reason":"cutover"}"""));
        using var client = fixture.As("rita");

        var body = await ApiFixture.ReadJsonAsync(await client.GetAsync($"api/v1/services/{service}/regions/eu-west/audit?verify=true"));

        Assert.Equal(3, body.GetProperty("entries").GetArrayLength());
        Assert.True(body.GetProperty("verification").GetProperty("is_valid").GetBoolean());
        Assert.Equal(3, body.GetProperty("verification").GetProperty("entry_count").GetInt32());
    }

    internal static HttpRequestMessage FlipRequest(string service, string body, string? ifMatch = null, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/services/{service}/regions/eu-west/flip") { Content = ApiFixture.Json(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }
}
