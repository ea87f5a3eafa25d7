using Coordinator.Campaigns;
using Coordinator.Fences;
using Coordinator.IntegrationTests.Infrastructure;
using Coordinator.Notifications;
using Coordinator.Operations.Notifications;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Coordinator.IntegrationTests.Notifications;

/// <summary>
/// A webhook receiver on real Kestrel gets every event of a campaign exactly once by id although a
/// silo is killed: the campaign's, right after the save that made an event (so nobody was told of
/// it), or the delivery's, with an event in flight (so it is sent again: a duplicate on the wire, with
/// the same id and body).
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class WebhookCrashTests(WebhookClusterFixture fixture, ITestOutputHelper output) : IClassFixture<WebhookClusterFixture>
{
    private const string Secret = "crash-test-webhook-secret";
    private const string Writer = "indexer";
    private const string Group = "orders";
    private const string Approver = "it-approver";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly string[] Regions = ["eu-west", "us-east"];
    private static readonly ArmManifest Green = Samples.Green with { ConsumerVer = "consumer-8" };

    /// <summary>Two waves with an approval between them: started, wave 1 done, waiting, wave 2 done, completed.</summary>
    private static readonly string[] Expected = ["started", "wave_done", "waiting_for_operator", "wave_done", "completed"];

    private AzureTestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Killing_the_campaigns_silo_right_after_it_saved_the_completion_still_delivers_every_event_once_by_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var (service, campaign, cutover) = await FleetAsync(receiver);

        // The save that completes the campaign reaches storage; the grain never returns from it, so it wakes no webhook.
        using var point = CrashPoints.Arm(campaign, "completed", s => s.State == CampaignState.Completed, persist: true);
        await cutover.StartAsync(Spec(service, campaign));
        await PlayAsync(cutover, campaign, s => s.State == CampaignState.WaitingForApproval, "the wait after wave 1");
        await cutover.ApproveAsync(campaign, Approver, "wave 1 fine");
        await PlayAsync(cutover, campaign, _ => point.Reached.IsCompleted, "the campaign to stop right after saving its completion", point.Reached);
        Assert.DoesNotContain(receiver.Requests, r => r.Event == "completed");

        await KillAsync(cutover.GetGrainId(), "the campaign");
        point.SiloKilled();

        var delivery = WebhookOperations.Delivery(Cluster.Client, service, "ops");
        await Poll.UntilAsync(() => receiver.EventIds.Count == Expected.Length, $"all {Expected.Length} events at the receiver", Deadline);
        await AssertExactlyOnceByIdAsync(receiver, delivery);
    }

    [Fact]
    public async Task Killing_the_silo_delivering_an_event_sends_it_again_with_the_same_id_and_every_event_arrives_once_by_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var held = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = new TaskCompletionSource<WebhookRequest>(TaskCreationOptions.RunContinuationsAsynchronously);

        // The first attempt of the first wave_done is held unanswered: its sender dies waiting.
        receiver.Respond = r => r.Event == "wave_done" && holding.TrySetResult(r) ? held.Task : Task.FromResult(200);
        var (service, campaign, cutover) = await FleetAsync(receiver);
        var delivery = WebhookOperations.Delivery(Cluster.Client, service, "ops");
        try
        {
            await cutover.StartAsync(Spec(service, campaign));
            var first = await PlayUntilAsync(cutover, campaign, holding.Task, "the first wave_done to reach the receiver");

            await KillAsync(delivery.GetGrainId(), "the webhook's delivery");
            await Poll.UntilAsync(() => receiver.Requests.Count(r => r.EventId == first.EventId) >= 2, $"{first.EventId} to be sent again", Deadline);

            await PlayAsync(cutover, campaign, s => s.State == CampaignState.WaitingForApproval, "the wait after wave 1");
            await cutover.ApproveAsync(campaign, Approver, "wave 1 fine");
            await PlayAsync(cutover, campaign, s => s.State == CampaignState.Completed, "the campaign to complete");
            await Poll.UntilAsync(() => receiver.EventIds.Count == Expected.Length, $"all {Expected.Length} events at the receiver", Deadline);

            var resent = receiver.Requests.Where(r => r.EventId == first.EventId).ToList();
            Assert.All(resent, r => Assert.Equal(first.Body, r.Body));
            Assert.All(resent, r => Assert.True(r.SignatureValid));
            await AssertExactlyOnceByIdAsync(receiver, delivery);
        }
        finally
        {
            // The dead sender's request is answered at last; its silo is gone, so nothing records it.
            held.TrySetResult(503);
        }
    }

    /// <summary>
    /// De-duplicated by id as a receiver would, the events are the campaign's, each once, in order; every
    /// copy of one id carries the same body and a valid signature; the webhook's cursor reached the end.
    /// </summary>
    private async Task AssertExactlyOnceByIdAsync(WebhookReceiver receiver, IWebhookDeliveryGrain delivery)
    {
        var byId = receiver.Requests.GroupBy(r => r.EventId).ToList();
        foreach (var copies in byId)
        {
            output.WriteLine($"{copies.Key}: {copies.Count()} on the wire ({string.Join(", ", copies.Select(c => $"attempt {c.Attempt}"))})");
        }

        Assert.Equal(Expected, byId.Select(g => g.First().Event));
        Assert.Equal(byId.Count, byId.Select(g => g.Key).Distinct().Count());
        Assert.All(byId, g => Assert.Equal(g.Key, g.First().Json.GetProperty("id").GetString()));
        Assert.All(byId, g => Assert.All(g, copy => Assert.Equal(g.First().Body, copy.Body)));
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid, $"{r.EventId} attempt {r.Attempt} is not signed with the secret"));
        Assert.Equal([1L, 2, 3, 4, 5], byId.Select(g => g.First().Json.GetProperty("sequence").GetInt64()));

        var status = await Poll.UntilAsync(() => delivery.GetStatusAsync(), s => s.DeliveredThrough == Expected.Length, "the webhook's cursor to pass the last event", Deadline, errorsMeanNotYet: true);
        Assert.Equal((0, 0L), (status.Pending, status.Dropped));
        Assert.Equal(byId[^1].Key, status.LastDeliveredEventId);
    }

    /// <summary>Kills the silo that hosts <paramref name="grain"/> and starts another in its place.</summary>
    private async Task KillAsync(GrainId grain, string what)
    {
        var silos = Cluster.Cluster.Silos.Select(s => s.SiloAddress).ToArray();
        var host = Assert.Single(await Cluster.HostsOfAsync(grain, silos));
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} killing {host}, which runs {what}");
        await Cluster.Cluster.KillSiloAsync(Cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
        await Cluster.Cluster.StartAdditionalSiloAsync();
    }

    /// <summary>A new service with both regions on Blue (a writer lease, a consumer group) and webhook "ops" on the receiver.</summary>
    private async Task<(string Service, string Campaign, ICutoverGrain Cutover)> FleetAsync(WebhookReceiver receiver)
    {
        var service = TestIds.New("hook");
        foreach (var region in Regions)
        {
            var pointer = Cluster.Region(service, region);
            await pointer.RegisterArmAsync(Arm.Blue, Samples.Blue, Samples.Operator);
            await pointer.RegisterArmAsync(Arm.Green, Green, Samples.Operator);
            await Cluster.Client.GetGrain<ILeaseGrain>(FenceKey.Format(service, region, Writer)).AcquireAsync("indexer-1", TimeSpan.FromMinutes(5));
            await Cluster.Client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(service, region, Group)).ConfigureAsync(Samples.Blue.ConsumerVer, 2, Samples.Operator);
        }

        await WebhookOperations.SetAsync(
            Cluster.Client, service, "ops", new WebhookInput { Url = receiver.Url, Secret = Secret }, WebhookFieldNames.Api, Samples.Operator);
        return (service, TestIds.New("cmp"), Cluster.Client.GetGrain<ICutoverGrain>(service));
    }

    private static CampaignSpec Spec(string service, string campaign) => new()
    {
        Service = service,
        CampaignId = campaign,
        Target = Green,
        Waves = [new WaveSpec { Regions = [Regions[0]] }, new WaveSpec { Regions = [Regions[1]] }],
        Fences = new FenceSpec { Writers = [Writer], ConsumerGroups = [Group] },
        Hold = TimeSpan.Zero,
        SmokeDeadline = TimeSpan.FromMinutes(10),
        Approval = new ApprovalPolicy { Mode = ApprovalMode.Manual },
        Operator = Samples.Operator,
        Reason = "webhook crash test",
    };

    /// <summary>Plays the evaluator (a smoke report for each region waiting in Warm Green) until <paramref name="arrived"/> completes.</summary>
    private static async Task<T> PlayUntilAsync<T>(ICutoverGrain cutover, string campaign, Task<T> arrived, string expected)
    {
        await PlayAsync(cutover, campaign, _ => arrived.IsCompleted, expected);
        return await arrived;
    }

    private static Task<CampaignStatus> PlayAsync(ICutoverGrain cutover, string campaign, Func<CampaignStatus, bool> done, string expected, Task? stopped = null) =>
        EvaluatorPlayer.PlayAsync(cutover, campaign, Green, done, expected, Deadline, stopped);
}
