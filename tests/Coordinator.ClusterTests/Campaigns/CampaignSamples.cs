using Coordinator.Campaigns;
using Coordinator.Client.Telemetry;
using Coordinator.Fences;

namespace Coordinator.ClusterTests.Campaigns;

/// <summary>A fleet to cut over, campaign specs, smoke reports and telemetry, shared by the campaign suites.</summary>
internal static class CampaignSamples
{
    public const string Writer = "indexer";
    public const string Group = "orders";

    public static string NewService() => "svc-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Registers Blue and Green, a writer lease and a consumer pointer on Blue in every region.</summary>
    public static async Task<string[]> Fleet(IGrainFactory grains, string service, int regions)
    {
        var names = Enumerable.Range(0, regions).Select(i => $"region-{i}").ToArray();
        foreach (var region in names)
        {
            var pointer = grains.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, region));
            await pointer.RegisterArmAsync(Arm.Blue, Fixtures.Manifest("idx-blue"), "alice");
            await pointer.RegisterArmAsync(Arm.Green, Fixtures.Manifest("idx-green"), "alice");
            await Lease(grains, service, region).AcquireAsync("indexer-1", TimeSpan.FromMinutes(5));
            await Consumers(grains, service, region).ConfigureAsync("consumer-idx-blue", 2, "alice");
        }

        return names;
    }

    public static ISwitchoverGrain Pointer(IGrainFactory grains, string service, string region) =>
        grains.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, region));

    public static ILeaseGrain Lease(IGrainFactory grains, string service, string region) =>
        grains.GetGrain<ILeaseGrain>(FenceKey.Format(service, region, Writer));

    public static IConsumerPointerGrain Consumers(IGrainFactory grains, string service, string region) =>
        grains.GetGrain<IConsumerPointerGrain>(FenceKey.Format(service, region, Group));

    public static CampaignSpec Spec(string service, string id, params string[][] waves) => new()
    {
        Service = service,
        CampaignId = id,
        Target = Fixtures.Manifest("idx-green"),
        Waves = [.. waves.Select((regions, i) => new WaveSpec { Name = $"wave-{i + 1}", Regions = [.. regions] })],
        Hold = TimeSpan.Zero,
        SmokeDeadline = TimeSpan.FromMinutes(5),
        Fences = new FenceSpec { Writers = [Writer], ConsumerGroups = [Group] },
        Operator = "alice",
        Reason = "new index",
    };

    public static SmokeReport Smoke(string service, string region, DateTimeOffset submittedAt, double coverage = 0.85) => new()
    {
        Service = service,
        Region = region,
        SubmittedAt = submittedAt,
        Evaluator = "test-evaluator",
        Versions = PinnedVersions.Of(Fixtures.Manifest("idx-green")),
        Items = [.. Enumerable.Range(1, 20).Select(i => new SmokeItem
        {
            Id = $"q-{i:00}",
            DeltaS = [0.2, 0.25, 0.3],
            Coverage = coverage,
            Lambda = [LambdaState.Convergent, LambdaState.Convergent],
            LatencyMs = 250,
        })],
    };

    /// <summary>Reports <paramref name="requests"/> requests of one arm with the given 5xx share, pinned to its manifest.</summary>
    public static async Task Report(
        IClusterClient client, string service, string region, Arm arm, string indexHash, int requests, double http5xxShare, TimeProvider? time = null)
    {
        await using var reporter = new TelemetryReporter(client, time: time);
        var fivexx = (int)(requests * http5xxShare);
        for (var i = 0; i < requests; i++)
        {
            reporter.Record(service, region, arm, PinnedVersions.Of(Fixtures.Manifest(indexHash)), new RequestSample
            {
                Latency = TimeSpan.FromMilliseconds(100 + (i % 50)),
                Http5xx = i < fivexx,
                Error = i < fivexx,
                DeltaS = 0.3,
                Coverage = 0.85,
                Lambda = new LambdaObservation(Flipped: false, Convergent: true),
            });
        }
    }
}
