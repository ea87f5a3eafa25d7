using System.Net;
using System.Text.Json;

namespace Coordinator.ApiTests;

/// <summary>Leases and consumer pointers over HTTP, as a worker or sink in another language would use them.</summary>
[Collection(ApiCollection.Name)]
public sealed class FenceTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_lease_is_acquired_validated_renewed_and_released_by_its_fencing_token()
    {
        var service = fixture.NewService("lease");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var writer = fixture.As("wes");
        var leases = $"api/v1/services/{service}/regions/eu-west/leases/indexer";

        var grant = await Ok(await writer.PostAsync(leases + "/acquire", ApiFixture.Json(new { holder_id = "worker-1", ttl_seconds = 30 })));
        var token = grant.GetProperty("token").GetProperty("fencing_token").GetInt64();
        var held = await Ok(await writer.PostAsync(leases + "/acquire", ApiFixture.Json(new { holder_id = "worker-2", ttl_seconds = 30 })));
        var valid = await Ok(await writer.GetAsync($"{leases}/validate?fencing_token={token}"));
        var renewed = await Ok(await writer.PostAsync(leases + "/renew", ApiFixture.Json(new { fencing_token = token, ttl_seconds = 60 })));
        var released = await Ok(await writer.PostAsync(leases + "/release", ApiFixture.Json(new { fencing_token = token })));
        var afterRelease = await Ok(await writer.GetAsync($"{leases}/validate?fencing_token={token}"));
        var staleRenew = await Ok(await writer.PostAsync(leases + "/renew", ApiFixture.Json(new { fencing_token = token, ttl_seconds = 60 })));

        Assert.Equal("granted", grant.GetProperty("status").GetString());
        Assert.Equal("held", held.GetProperty("status").GetString());
        Assert.Equal("worker-1", held.GetProperty("held_by").GetString());
        Assert.Equal("valid", valid.GetProperty("validity").GetString());
        Assert.Equal("granted", renewed.GetProperty("status").GetString());
        Assert.True(released.GetProperty("released").GetBoolean());
        Assert.NotEqual("valid", afterRelease.GetProperty("validity").GetString());
        Assert.NotEqual("granted", staleRenew.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Leases_and_consumer_groups_of_a_region_are_listed_for_any_role()
    {
        var (service, _) = await ConfiguredConsumerAsync("lists");
        using var writer = fixture.As("wes");
        await Ok(await writer.PostAsync($"api/v1/services/{service}/regions/eu-west/leases/indexer/acquire", ApiFixture.Json(new { holder_id = "w1", ttl_seconds = 30 })));
        using var reader = fixture.As("rita");

        var leases = await Ok(await reader.GetAsync($"api/v1/services/{service}/regions/eu-west/leases"));
        var groups = await Ok(await reader.GetAsync($"api/v1/services/{service}/regions/eu-west/consumers"));

        Assert.Equal(["indexer"], leases.EnumerateArray().Select(l => l.GetProperty("writer").GetString()));
        Assert.Equal("w1", leases[0].GetProperty("holder").GetProperty("holder_id").GetString());
        Assert.Equal(["webhooks"], groups.EnumerateArray().Select(g => g.GetProperty("group").GetString()));
        Assert.Equal(["i-1"], groups[0].GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("instance_id").GetString()));
    }

    [Fact]
    public async Task Lease_inputs_out_of_range_are_400_by_json_path()
    {
        var service = fixture.NewService("lease-bad");
        using var writer = fixture.As("wes");

        var response = await writer.PostAsync(
            $"api/v1/services/{service}/regions/eu-west/leases/indexer/acquire", ApiFixture.Json(new { holder_id = "", ttl_seconds = 0 }));

        var paths = Problems.Paths(await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-input"));
        Assert.Equal(["$.holder_id", "$.ttl_seconds"], paths);
    }

    [Fact]
    public async Task A_commit_is_accepted_once_replayed_as_duplicate_and_a_reused_key_with_another_payload_is_409()
    {
        var (service, directive) = await ConfiguredConsumerAsync("commit");
        using var writer = fixture.As("wes");
        var token = directive.GetProperty("token").GetInt64();
        var commits = $"api/v1/services/{service}/regions/eu-west/consumers/webhooks/commit";

        var first = await writer.SendAsync(Commit(commits, "order-1", new { partition = 0, offset = 5, payload_hash = "h1", token, consumer_ver = "cv-blue" }));
        var replay = await writer.SendAsync(Commit(commits, "order-1", new { partition = 0, offset = 5, payload_hash = "h1", token, consumer_ver = "cv-blue" }));
        var reused = await writer.SendAsync(Commit(commits, "order-1", new { partition = 0, offset = 6, payload_hash = "h2", token, consumer_ver = "cv-blue" }));
        var fenced = await writer.SendAsync(Commit(commits, "order-2", new { partition = 0, offset = 7, payload_hash = "h3", token = token + 5, consumer_ver = "cv-blue" }));

        Assert.Equal("accepted", (await Ok(first)).GetProperty("outcome").GetString());
        Assert.Equal("duplicate", (await Ok(replay)).GetProperty("outcome").GetString());
        await Problems.AssertAsync(reused, HttpStatusCode.Conflict, "idempotency-key-conflict");
        await Problems.AssertAsync(fenced, HttpStatusCode.Conflict, "fenced");
        var status = await fixture.Grains.GetGrain<Coordinator.Fences.IConsumerPointerGrain>($"{service}/eu-west/webhooks").GetStatusAsync();
        Assert.Equal(1, status.Counters.SideEffectsAccepted);
    }

    [Fact]
    public async Task A_commit_without_an_idempotency_key_is_400_naming_the_header()
    {
        var (service, directive) = await ConfiguredConsumerAsync("no-key");
        using var writer = fixture.As("wes");

        var response = await writer.PostAsync(
            $"api/v1/services/{service}/regions/eu-west/consumers/webhooks/commit",
            ApiFixture.Json(new { partition = 0, offset = 1, payload_hash = "h", token = directive.GetProperty("token").GetInt64(), consumer_ver = "cv-blue" }));

        Assert.Equal(["Idempotency-Key"], Problems.Paths(await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-input")));
    }

    [Fact]
    public async Task A_move_with_no_live_instances_completes_and_is_readable_by_its_key_and_a_reset_is_audited_as_the_principal()
    {
        var (service, _) = await ConfiguredConsumerAsync("move", heartbeat: false);
        using var operatorClient = fixture.As("olga");
        var group = $"api/v1/services/{service}/regions/eu-west/consumers/webhooks";

        using var move = new HttpRequestMessage(HttpMethod.Post, group + "/move") { Content = ApiFixture.Json(new { to_consumer_ver = "cv-green", reason = "cutover", drain_timeout_seconds = 5 }) };
        move.Headers.Add("Idempotency-Key", "move-1");
        var started = await operatorClient.SendAsync(move);
        Assert.True(started.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, await started.Content.ReadAsStringAsync());
        var done = await Poll.UntilAsync(
            async () => await ApiFixture.ReadJsonAsync(await operatorClient.GetAsync(group + "/moves/move-1")),
            m => m.GetProperty("state").GetString() != "draining",
            "the move with no live instance to finish");
        var reset = await Ok(await operatorClient.PostAsync(group + "/reset", ApiFixture.Json(new { partition = 1, offset = 0, reason = "replay from start" })));

        Assert.Equal("completed", done.GetProperty("state").GetString());
        Assert.Equal("cv-green", reset.GetProperty("active_consumer_ver").GetString());
        await Problems.AssertAsync(await operatorClient.GetAsync(group + "/moves/no-such-key"), HttpStatusCode.NotFound, "not-found");

        // The group's own keyed chain records the move and the reset under the principal.
        var audit = await Ok(await operatorClient.GetAsync($"api/v1/services/{service}/regions/eu-west/audit?consumer_group=webhooks&verify=true"));
        var entries = audit.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal("consumer-pointer", audit.GetProperty("chain").GetString());
        Assert.True(audit.GetProperty("verification").GetProperty("is_valid").GetBoolean());
        Assert.Equal(["configure", "move-start", "move-completed", "reset-offset"], entries.Select(e => e.GetProperty("command").GetString()));
        Assert.Equal("olga", entries[^1].GetProperty("operator").GetString());
    }

    [Fact]
    public async Task An_audit_naming_both_a_writer_and_a_consumer_group_is_400_and_names_the_field()
    {
        using var client = fixture.As("rita");

        var response = await client.GetAsync($"api/v1/services/{fixture.NewService("both")}/regions/eu-west/audit?writer=indexer&consumer_group=webhooks");

        Assert.Equal(["consumer_group"], Problems.Paths(await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-input")));
    }

    [Fact]
    public async Task A_bad_ledger_policy_and_partition_count_are_400_by_json_path()
    {
        using var operatorClient = fixture.As("olga");

        var response = await operatorClient.PutAsync(
            $"api/v1/services/{fixture.NewService("cfg")}/regions/eu-west/consumers/webhooks",
            ApiFixture.Json(new { consumer_ver = "cv-blue", partitions = 0, ledger_policy = "sometimes" }));

        Assert.Equal(["$.partitions", "$.ledger_policy"], Problems.Paths(await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-input")));
    }

    /// <summary>A configured group (by the operator) and, unless told not to, a first heartbeat (by the writer) with its directive.</summary>
    private async Task<(string Service, JsonElement Directive)> ConfiguredConsumerAsync(string stem, bool heartbeat = true)
    {
        var service = fixture.NewService(stem);
        await fixture.RegisterBothAsync(service, "eu-west");
        using var operatorClient = fixture.As("olga");
        await Ok(await operatorClient.PutAsync(
            $"api/v1/services/{service}/regions/eu-west/consumers/webhooks", ApiFixture.Json(new { consumer_ver = "cv-blue", partitions = 2 })));
        if (!heartbeat)
        {
            return (service, default);
        }

        using var writer = fixture.As("wes");
        var directive = await Ok(await writer.PostAsync(
            $"api/v1/services/{service}/regions/eu-west/consumers/webhooks/heartbeat", ApiFixture.Json(new { instance_id = "i-1", consumer_ver = "cv-blue" })));
        Assert.Equal("consume", directive.GetProperty("kind").GetString());
        return (service, directive);
    }

    private static HttpRequestMessage Commit(string uri, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = ApiFixture.Json(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await ApiFixture.ReadJsonAsync(response);
    }
}
