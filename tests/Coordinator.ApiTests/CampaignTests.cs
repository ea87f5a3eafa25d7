using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coordinator.Campaigns;

namespace Coordinator.ApiTests;

/// <summary>Campaigns over HTTP: the dry run, start and its replay, status, and the two-person rule by identity.</summary>
[Collection(ApiCollection.Name)]
public sealed class CampaignTests(ApiFixture fixture)
{
    [Fact]
    public async Task Plan_is_a_dry_run_that_names_every_error_by_json_path_and_starts_nothing()
    {
        var service = fixture.NewService("plan");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("rita");
        var spec = Spec(service, "c1", ["eu-west"], ["ap-nowhere"]);
        spec["hold_seconds"] = -1;

        var body = await ApiFixture.ReadJsonAsync(await client.PostAsync($"api/v1/services/{service}/campaigns/plan", ApiFixture.Json(spec.ToJsonString())));

        Assert.False(body.GetProperty("valid").GetBoolean());
        var paths = body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("$.hold_seconds", paths);
        Assert.Contains("$.waves[1].regions[0]", paths);
        Assert.Empty(await fixture.Grains.GetGrain<ICutoverGrain>(service).ListAsync());
    }

    [Fact]
    public async Task Start_is_201_the_same_spec_again_200_replayed_another_spec_under_the_id_409_and_an_unknown_id_404()
    {
        var service = fixture.NewService("start");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("olga");
        var spec = Spec(service, "c1", ["eu-west"]).ToJsonString();

        var first = await client.PostAsync($"api/v1/services/{service}/campaigns", ApiFixture.Json(spec));
        var again = await client.PostAsync($"api/v1/services/{service}/campaigns", ApiFixture.Json(spec));
        var other = Spec(service, "c1", ["eu-west"]);
        other["reason"] = "another reason";
        var conflict = await client.PostAsync($"api/v1/services/{service}/campaigns", ApiFixture.Json(other.ToJsonString()));
        var missing = await client.GetAsync($"api/v1/services/{service}/campaigns/nope");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("olga", (await ApiFixture.ReadJsonAsync(first)).GetProperty("campaign").GetProperty("started_by").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await ApiFixture.ReadJsonAsync(again)).GetProperty("replayed").GetBoolean());
        await Problems.AssertAsync(conflict, HttpStatusCode.Conflict, "idempotency-key-conflict");
        await Problems.AssertAsync(missing, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_spec_for_another_service_than_the_path_is_400()
    {
        var service = fixture.NewService("wrong");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("olga");

        var response = await client.PostAsync($"api/v1/services/{service}/campaigns", ApiFixture.Json(Spec(service + "-x", "c1", ["eu-west"]).ToJsonString()));

        Assert.Contains("$.", string.Join(",", Problems.Paths(await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-input"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_the_two_person_rule_the_starters_token_cannot_approve_and_another_approvers_can()
    {
        var service = fixture.NewService("two-person");
        await fixture.RegisterBothAsync(service, "eu-west");
        await fixture.RegisterBothAsync(service, "us-east");
        var spec = Spec(service, "canary", ["eu-west"], ["us-east"]);
        spec["approval"] = new JsonObject { ["mode"] = "manual", ["require_distinct_approver"] = true };
        using var starter = fixture.As("otto");
        Assert.Equal(HttpStatusCode.Created, (await starter.PostAsync($"api/v1/services/{service}/campaigns", ApiFixture.Json(spec.ToJsonString()))).StatusCode);
        var cutover = fixture.Grains.GetGrain<ICutoverGrain>(service);
        await Poll.UntilAsync(() => cutover.GetStatusAsync("canary"), s => s?.Regions[0].Step == ChecklistStep.WarmGreen, "canary to reach warm-green in its first wave");

        using var evaluator = fixture.As("wes");
        var smoke = await evaluator.PostAsync($"api/v1/services/{service}/campaigns/canary/smoke-reports", ApiFixture.Json(SmokeReports.Json("eu-west")));
        Assert.True(smoke.StatusCode == HttpStatusCode.Accepted, await smoke.Content.ReadAsStringAsync());
        await Poll.UntilAsync(() => cutover.GetStatusAsync("canary"), s => s?.State == CampaignState.WaitingForApproval, "canary to wait for approval after wave 1");

        var byStarter = await starter.PostAsync($"api/v1/services/{service}/campaigns/canary/approve", ApiFixture.Json(new { reason = "looks fine" }));
        using var approver = fixture.As("abe");
        var byOther = await approver.PostAsync($"api/v1/services/{service}/campaigns/canary/approve", ApiFixture.Json(new { reason = "canary clean" }));

        Assert.Contains("approver", Problems.Paths(await Problems.AssertAsync(byStarter, HttpStatusCode.BadRequest, "invalid-input")));
        Assert.Equal(HttpStatusCode.OK, byOther.StatusCode);
        var status = await cutover.GetStatusAsync("canary");
        Assert.Equal(1, status!.CurrentWave);
        Assert.Equal(["abe: canary clean"], status.Approvals);
    }

    [Fact]
    public async Task Pause_and_abort_are_recorded_under_the_principal_and_a_bad_smoke_report_is_400_by_path()
    {
        var service = fixture.NewService("act");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("olga");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"api/v1/services/{service}/campaigns", ApiFixture.Json(Spec(service, "c1", ["eu-west"]).ToJsonString()))).StatusCode);
        using var evaluator = fixture.As("wes");

        var badSmoke = await evaluator.PostAsync(
            $"api/v1/services/{service}/campaigns/c1/smoke-reports",
            ApiFixture.Json("""{"region":"eu-west","items":[{"id":"q1","delta_s":[2],"coverage":0.5,"lambda":["sideways"],"latency_ms":1}]}"""));
        var paused = await client.PostAsync($"api/v1/services/{service}/campaigns/c1/pause", ApiFixture.Json(new { reason = "look first" }));
        var aborted = await client.PostAsync($"api/v1/services/{service}/campaigns/c1/abort", ApiFixture.Json(new { reason = "not today" }));
        using var reader = fixture.As("rita");
        var audit = await ApiFixture.ReadJsonAsync(await reader.GetAsync($"api/v1/services/{service}/campaigns/audit?verify=true"));

        var paths = Problems.Paths(await Problems.AssertAsync(badSmoke, HttpStatusCode.BadRequest, "invalid-input"));
        Assert.Contains("$.items[0].lambda[0]", paths);
        Assert.Contains("$.items[0].delta_s[0]", paths);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, aborted.StatusCode);
        var commands = audit.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("command").GetString(), e.GetProperty("operator").GetString())).ToList();
        Assert.Contains(("campaign-pause", "olga"), commands);
        Assert.Contains(("campaign-abort", "olga"), commands);
        Assert.True(audit.GetProperty("verification").GetProperty("is_valid").GetBoolean());
    }

    [Fact]
    public async Task A_paused_campaign_resumes_is_listed_and_read_by_id_and_a_completed_one_rolls_back_to_blue()
    {
        var service = fixture.NewService("resume");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("olga");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"api/v1/services/{service}/campaigns", ApiFixture.Json(Spec(service, "c1", ["eu-west"]).ToJsonString()))).StatusCode);

        var paused = await ApiFixture.ReadJsonAsync(await client.PostAsync($"api/v1/services/{service}/campaigns/c1/pause", ApiFixture.Json(new { reason = "look" })));
        var resumed = await ApiFixture.ReadJsonAsync(await client.PostAsync($"api/v1/services/{service}/campaigns/c1/resume", ApiFixture.Json(new { reason = "go on" })));
        using var reader = fixture.As("rita");
        var listed = await ApiFixture.ReadJsonAsync(await reader.GetAsync($"api/v1/services/{service}/campaigns"));

        Assert.Equal("paused", paused.GetProperty("state").GetString());
        Assert.Equal("running", resumed.GetProperty("state").GetString());
        Assert.Equal(["c1"], listed.EnumerateArray().Select(c => c.GetProperty("campaign_id").GetString()));

        var cutover = fixture.Grains.GetGrain<ICutoverGrain>(service);
        await Poll.UntilAsync(() => cutover.GetStatusAsync("c1"), s => s?.Regions[0].Step == ChecklistStep.WarmGreen, "c1 to reach warm-green");
        using var evaluator = fixture.As("wes");
        Assert.Equal(HttpStatusCode.Accepted, (await evaluator.PostAsync($"api/v1/services/{service}/campaigns/c1/smoke-reports", ApiFixture.Json(SmokeReports.Json("eu-west")))).StatusCode);
        await Poll.UntilAsync(
            async () => await ApiFixture.ReadJsonAsync(await reader.GetAsync($"api/v1/services/{service}/campaigns/c1")),
            c => c.GetProperty("state").GetString() == "completed",
            "c1 to complete, read over HTTP");
        Assert.Equal(Arm.Green, (await fixture.Pointer(service, "eu-west").GetActiveArmAsync()).ActiveArm);

        var rollback = await client.PostAsync($"api/v1/services/{service}/campaigns/c1/rollback", ApiFixture.Json(new { reason = "regression found later" }));

        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        await Poll.UntilAsync(() => fixture.Pointer(service, "eu-west").GetActiveArmAsync(), v => v.ActiveArm == Arm.Blue, "the rollback to bring eu-west back to blue");
    }

    /// <summary>A spec moving each wave's regions to the green manifest the fixture registers; hold 0, no fences.</summary>
    internal static JsonObject Spec(string service, string id, params string[][] waves) => new()
    {
        ["version"] = 1,
        ["campaign_id"] = id,
        ["service"] = service,
        ["operator"] = "written-in-the-file",
        ["reason"] = "api campaign test",
        ["target"] = JsonNode.Parse(Manifests.Json("idx-green")),
        ["hold_seconds"] = 0,
        ["smoke_deadline_seconds"] = 600,
        ["waves"] = new JsonArray([.. waves.Select((regions, i) => (JsonNode)new JsonObject
        {
            ["name"] = $"wave-{i + 1}",
            ["regions"] = new JsonArray([.. regions.Select(r => (JsonNode)JsonValue.Create(r))]),
        })]),
    };
}
