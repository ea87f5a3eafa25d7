using System.Collections.Concurrent;
using Coordinator.Campaigns;
using Coordinator.ClusterTests.Campaigns;
using Coordinator.Hosting;
using Coordinator.Notifications;
using Coordinator.Operations.Notifications;

namespace Coordinator.ClusterTests.Notifications;

/// <summary>
/// A receiver that fails is tried again after a backoff that grows, on the silos' fake clock, and the
/// event is acknowledged once with the same id and body on every attempt.
/// </summary>
[Collection(FakeTimeClusterCollection.Name)]
public sealed class WebhookRetryTests(FakeTimeClusterFixture fixture)
{
    private const string Secret = "retry-test-secret-0001";

    /// <summary>Less than any backoff here, so no retry can be both caused and missed by one step.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_receiver_answering_500_then_503_then_200_gets_the_event_after_a_doubling_backoff_and_acknowledges_it_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var failures = new ConcurrentQueue<int>([500, 503]);
        receiver.Respond = _ => Task.FromResult(failures.TryDequeue(out var status) ? status : 200);
        var service = CampaignSamples.NewService();
        var regions = await CampaignSamples.Fleet(fixture.Client, service, 1);
        await WebhookOperations.SetAsync(
            fixture.Client, service, "ops", new WebhookInput { Url = receiver.Url, Secret = Secret, Events = ["started"] }, WebhookFieldNames.Api, "alice");
        var delivery = WebhookOperations.Delivery(fixture.Client, service, "ops");
        var cutover = fixture.Client.GetGrain<ICutoverGrain>(service);
        var initial = new CoordinatorSiloOptions().ToWebhookDeliveryOptions().Backoff.Initial;
        try
        {
            // No smoke report: the campaign waits in Warm Green, so "started" is its only notification here.
            await cutover.StartAsync(CampaignSamples.Spec(service, "cmp-retry", [regions[0]]));

            var first = await Poll.UntilAsync(() => delivery.GetStatusAsync(), s => s.FailedAttempts == 1, "the first attempt to fail");
            Assert.Equal("HTTP 500", first.LastResult);
            Assert.InRange(first.NextAttemptAt!.Value - first.LastAttemptAt!.Value, initial / 2, initial);

            // The clock moves only when the test moves it, a step at a time while the grain has not tried again.
            var second = await AdvanceUntilAsync(delivery, s => s.FailedAttempts == 2, "the second attempt to fail");
            Assert.Equal("HTTP 503", second.LastResult);
            Assert.True(second.LastAttemptAt >= first.NextAttemptAt, $"retried at {second.LastAttemptAt:O}, before its backoff ended at {first.NextAttemptAt:O}");
            Assert.InRange(second.NextAttemptAt!.Value - second.LastAttemptAt!.Value, initial, initial * 2);

            var done = await AdvanceUntilAsync(delivery, s => s.Delivered == 1, "the third attempt to be acknowledged");
            Assert.True(done.LastAttemptAt >= second.NextAttemptAt, $"retried at {done.LastAttemptAt:O}, before its backoff ended at {second.NextAttemptAt:O}");
            Assert.Equal((0, "HTTP 200", (DateTimeOffset?)null, 0), (done.FailedAttempts, done.LastResult, done.NextAttemptAt, done.Pending));

            var requests = receiver.Requests;
            Assert.Equal([1, 2, 3], requests.Select(r => r.Attempt));
            Assert.All(requests, r => Assert.True(r.SignatureValid, $"attempt {r.Attempt} is not signed with the webhook's secret"));
            Assert.All(requests, r => Assert.Equal(requests[0].Body, r.Body));
            var id = Assert.Single(receiver.EventIds);
            Assert.Equal(done.LastDeliveredEventId, id);
            Assert.Equal(("started", id, service), (requests[0].Json.GetProperty("type").GetString(), requests[0].Json.GetProperty("id").GetString(), requests[0].Json.GetProperty("service").GetString()));
        }
        finally
        {
            await WebhookOperations.RemoveAsync(fixture.Client, service, "ops", "alice");
            await cutover.AbortAsync("cmp-retry", "alice", "test over");
        }
    }

    /// <summary>Reads the delivery; while it is not yet <paramref name="done"/>, moves the silos' clock one step.</summary>
    private Task<WebhookDeliveryStatus> AdvanceUntilAsync(IWebhookDeliveryGrain delivery, Func<WebhookDeliveryStatus, bool> done, string expected) =>
        Poll.UntilAsync(
            async () =>
            {
                var status = await delivery.GetStatusAsync();
                if (!done(status))
                {
                    fixture.Clock.Advance(Step);
                }

                return status;
            },
            done,
            expected,
            TimeSpan.FromSeconds(60));
}
