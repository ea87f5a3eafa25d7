using System.Net;
using Coordinator.Api.Views;
using Microsoft.Extensions.DependencyInjection;

namespace Coordinator.ApiTests;

/// <summary>An API silo that lets a service go after 1 s without readers.</summary>
public sealed class ShortIdleApiFixture : ApiFixture
{
    protected override void Configure(Dictionary<string, string?> settings) =>
        settings["Coordinator:Api:ViewIdleReleaseSeconds"] = "1";
}

/// <summary>
/// The silo's view of active arms lets go of services nobody reads (their subscriptions end), keeps the
/// ones an event stream or a long-poll holds, and a read after the release answers from confirmed state.
/// </summary>
public sealed class ViewReleaseTests(ShortIdleApiFixture fixture) : IClassFixture<ShortIdleApiFixture>
{
    // Release needs the idle second plus a refresh tick (2 s); a correctness bound, not a timing.
    private static readonly TimeSpan ReleaseDeadline = TimeSpan.FromSeconds(30);

    private ActiveArmViews Views => fixture.Silo.Services.GetRequiredService<ActiveArmViews>();

    [Fact]
    public async Task A_service_nobody_reads_is_let_go_one_a_stream_follows_is_kept_and_a_read_after_the_release_sees_the_latest_flip()
    {
        var idle = fixture.NewService("idle");
        var streamed = fixture.NewService("streamed");
        await fixture.RegisterBothAsync(idle, "eu-west");
        await fixture.RegisterBothAsync(streamed, "eu-west");
        using var reader = fixture.As("rita");

        // Read once (followed from then on), then nobody reads it; whether a tick already let it go is timing.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"api/v1/services/{idle}/regions/eu-west/active")).StatusCode);
        await using (var stream = await SseStream.OpenAsync(reader, $"api/v1/services/{streamed}/events", lastEventId: null))
        {
            await stream.NextEventAsync(ReleaseDeadline);
            await Poll.UntilAsync(() => !Views.FollowedServices.Contains(idle), $"{idle} to be let go once nobody read it for a second", ReleaseDeadline);
            Assert.Contains(streamed, Views.FollowedServices);

            // Released, the view no longer hears flips: the next read must follow afresh and see this one.
            await fixture.FlipByGrainAsync(idle, "eu-west", Arm.Green, expectedEpoch: 0);
            var after = await ApiFixture.ReadJsonAsync(await reader.GetAsync($"api/v1/services/{idle}/regions/eu-west/active"));
            Assert.Equal((1L, "green"), (after.GetProperty("epoch").GetInt64(), after.GetProperty("arm").GetString()));

            // The stream still hears its service's flips after the other service was let go.
            await fixture.FlipByGrainAsync(streamed, "eu-west", Arm.Green, expectedEpoch: 0);
            var flipped = await stream.NextEventAsync(ReleaseDeadline);
            Assert.Equal(1, flipped.Data.GetProperty("epoch").GetInt64());
        }

        await Poll.UntilAsync(() => !Views.FollowedServices.Contains(streamed), $"{streamed} to be let go once its stream closed", ReleaseDeadline);
    }

    [Fact]
    public async Task A_long_poll_holds_its_service_past_the_idle_time_and_wakes_on_the_flip()
    {
        var service = fixture.NewService("waited");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var reader = fixture.As("rita");
        var waiting = reader.GetAsync($"api/v1/services/{service}/regions/eu-west/active?wait=25&after=0");

        // Another service idles out on the same refresh ticks; the waited one must not.
        var other = fixture.NewService("other");
        await fixture.RegisterBothAsync(other, "eu-west");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"api/v1/services/{other}/regions/eu-west/active")).StatusCode);
        await Poll.UntilAsync(() => Views.FollowedServices.Contains(service), $"{service} to be followed by its long-poll", ReleaseDeadline);
        await Poll.UntilAsync(() => !Views.FollowedServices.Contains(other), $"{other} to be let go", ReleaseDeadline);
        Assert.Contains(service, Views.FollowedServices);
        Assert.False(waiting.IsCompleted, "the long-poll answered before any flip");

        await fixture.FlipByGrainAsync(service, "eu-west", Arm.Green, expectedEpoch: 0);
        var answer = await ApiFixture.ReadJsonAsync(await waiting);
        Assert.Equal(1, answer.GetProperty("epoch").GetInt64());
    }
}
