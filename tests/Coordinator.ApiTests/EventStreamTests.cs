using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Coordinator.Operations.Regions;

namespace Coordinator.ApiTests;

/// <summary>The event stream of a service's active arms: an event per move, ids that resume without a gap, heartbeats.</summary>
[Collection(ApiCollection.Name)]
public sealed class EventStreamTests(ApiFixture fixture)
{
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_follower_gets_each_region_then_every_flip_with_an_id_naming_every_regions_epoch()
    {
        var service = fixture.NewService("sse");
        await fixture.RegisterBothAsync(service, "eu-west");
        await fixture.RegisterBothAsync(service, "us-east");
        using var client = fixture.As("rita");
        await using var stream = await SseStream.OpenAsync(client, $"api/v1/services/{service}/events", lastEventId: null);

        var first = await stream.NextEventAsync(EventDeadline);
        var second = await stream.NextEventAsync(EventDeadline);
        await Flip(service, "us-east");
        var flipped = await stream.NextEventAsync(EventDeadline);

        Assert.Equal(["eu-west", "us-east"], new[] { first.Data.GetProperty("region").GetString(), second.Data.GetProperty("region").GetString() }.Order());
        Assert.Equal("eu-west=0;us-east=0", second.Id);
        Assert.Equal("active", flipped.Name);
        Assert.Equal("us-east", flipped.Data.GetProperty("region").GetString());
        Assert.Equal(1, flipped.Data.GetProperty("epoch").GetInt64());
        Assert.Equal("green", flipped.Data.GetProperty("arm").GetString());
        Assert.Equal(0, flipped.Data.GetProperty("missed_epochs").GetInt64());
        Assert.Equal("eu-west=0;us-east=1", flipped.Id);
    }

    [Fact]
    public async Task Resuming_with_last_event_id_sends_only_what_moved_and_says_how_many_epochs_went_unseen()
    {
        var service = fixture.NewService("sse-resume");
        await fixture.RegisterBothAsync(service, "eu-west");
        await fixture.RegisterBothAsync(service, "us-east");
        await Flip(service, "eu-west");
        await Flip(service, "eu-west");
        await Flip(service, "eu-west");
        using var client = fixture.As("rita");

        // The client saw eu-west at epoch 1 and us-east at 0 before its connection was cut.
        await using var stream = await SseStream.OpenAsync(client, $"api/v1/services/{service}/events", lastEventId: "eu-west=1;us-east=0");
        var resumed = await stream.NextEventAsync(EventDeadline);
        await Flip(service, "us-east");
        var next = await stream.NextEventAsync(EventDeadline);

        Assert.Equal("eu-west", resumed.Data.GetProperty("region").GetString());
        Assert.Equal(3, resumed.Data.GetProperty("epoch").GetInt64());
        Assert.Equal(1, resumed.Data.GetProperty("missed_epochs").GetInt64());
        Assert.Equal("us-east", next.Data.GetProperty("region").GetString());
        Assert.Equal("eu-west=3;us-east=1", next.Id);
    }

    [Fact]
    public async Task A_lease_freeze_and_a_campaign_start_show_on_the_stream_with_ids_that_resume_past_them()
    {
        var service = fixture.NewService("sse-fences");
        await fixture.RegisterBothAsync(service, "eu-west");
        var lease = fixture.Grains.GetGrain<Coordinator.Fences.ILeaseGrain>(Coordinator.Fences.FenceKey.Format(service, "eu-west", "w1"));
        await lease.AcquireAsync("h1", TimeSpan.FromMinutes(5));
        using var client = fixture.As("rita");
        await using var stream = await SseStream.OpenAsync(client, $"api/v1/services/{service}/events", lastEventId: null);
        Assert.Equal("active", (await stream.NextEventAsync(EventDeadline)).Name);

        await lease.FreezeAsync("c-freeze", "ops");
        // The grant made before the stream opened may still come first: the freeze is the event naming frozen_by.
        var frozen = await NextNamedAsync(stream, "lease", e => e.Data.TryGetProperty("frozen_by", out _));
        using var operatorClient = fixture.As("olga");
        var started = await operatorClient.PostAsync($"api/v1/services/{service}/campaigns", ApiFixture.Json(CampaignTests.Spec(service, "c1", ["eu-west"]).ToJsonString()));
        var campaign = await NextNamedAsync(stream, "campaign");

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal("w1", frozen.Data.GetProperty("writer").GetString());
        Assert.Equal("c-freeze", frozen.Data.GetProperty("frozen_by").GetString());
        Assert.Equal("eu-west=0;lease:eu-west/w1=1f", frozen.Id);
        Assert.Equal("c1", campaign.Data.GetProperty("campaign_id").GetString());
        Assert.Contains("campaign:c1=", campaign.Id, StringComparison.Ordinal);

        // Resumed past the freeze, the stream does not send it again: the next lease event is a later change.
        await using var resumed = await SseStream.OpenAsync(client, $"api/v1/services/{service}/events", lastEventId: frozen.Id);
        await lease.UnfreezeAsync("c-freeze", "idx-green", "ops");
        var next = await NextNamedAsync(resumed, "lease");
        Assert.False(next.Data.TryGetProperty("frozen_by", out _));
    }

    private static async Task<(string Id, string Name, JsonElement Data)> NextNamedAsync(
        SseStream stream, string name, Func<(string Id, string Name, JsonElement Data), bool>? matches = null)
    {
        while (true)
        {
            var next = await stream.NextEventAsync(EventDeadline);
            if (next.Name == name && (matches is null || matches(next)))
            {
                return next;
            }
        }
    }

    [Fact]
    public async Task An_idle_stream_carries_heartbeat_comments()
    {
        var service = fixture.NewService("sse-idle");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("rita");
        await using var stream = await SseStream.OpenAsync(client, $"api/v1/services/{service}/events", lastEventId: "eu-west=0");

        var line = await stream.NextLineAsync(EventDeadline);

        Assert.Equal(": heartbeat", line);
    }

    [Fact]
    public async Task A_last_event_id_this_api_did_not_write_is_400_before_the_stream_starts()
    {
        using var client = fixture.As("rita");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/services/{fixture.NewService("sse-bad")}/events");
        request.Headers.Add("Last-Event-ID", "../../etc=1");

        var response = await client.SendAsync(request);

        Assert.Equal(["Last-Event-ID"], Problems.Paths(await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-input")));
    }

    [Fact]
    public async Task A_principal_holding_its_maximum_of_streams_is_429_until_one_closes()
    {
        var service = fixture.NewService("sse-limit");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("abe");
        var uri = $"api/v1/services/{service}/events";

        var first = await SseStream.OpenAsync(client, uri, lastEventId: null);
        await using (var second = await SseStream.OpenAsync(client, uri, lastEventId: null))
        {
            var refused = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead);
            await Problems.AssertAsync(refused, HttpStatusCode.TooManyRequests, "too-many-streams");
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        // With one closed, a stream opens again (the server notices the close on its next write or poll).
        HttpResponseMessage? reopened = null;
        await Poll.UntilAsync(
            async () =>
            {
                reopened?.Dispose();
                reopened = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead);
                return reopened.StatusCode;
            },
            status => status == HttpStatusCode.OK,
            "a stream to open once one of abe's two closed");
        reopened!.Dispose();
        await first.DisposeAsync();
    }

    [Fact]
    public void A_cursor_round_trips_and_counts_unseen_epochs()
    {
        var errors = new List<FieldError>();
        var cursor = EpochCursor.Parse("eu-west=2;us-east=5", "id", errors);
        var view = new ActiveArmView { Service = "s", Region = "eu-west", ActiveArm = Arm.Green, Epoch = 6 };

        var moved = cursor.Advance([view, view with { Region = "us-east", Epoch = 5 }, view with { Region = "ap-south", Epoch = 0 }]);

        Assert.Empty(errors);
        Assert.Equal([("eu-west", 3L), ("ap-south", 0L)], moved.Select(m => (m.View.Region, m.MissedEpochs)));
        Assert.Equal("ap-south=0;eu-west=6;us-east=5", cursor.ToString());
    }

    private async Task Flip(string service, string region)
    {
        using var client = fixture.As("olga");
        var epoch = (await fixture.Pointer(service, region).GetActiveArmAsync()).Epoch;
        var to = (await fixture.Pointer(service, region).GetActiveArmAsync()).ActiveArm.Other().ToWire();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/services/{service}/regions/{region}/flip") { Content = ApiFixture.Json(new { to, reason = "sse" }) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{epoch}\"");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }
}
