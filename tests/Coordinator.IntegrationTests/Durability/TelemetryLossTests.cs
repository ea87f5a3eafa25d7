using Coordinator.Campaigns;
using Coordinator.IntegrationTests.Infrastructure;
using Coordinator.Telemetry;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Coordinator.IntegrationTests.Durability;

/// <summary>Losing the silo that holds an arm's telemetry mid-hold keeps the window: its checkpoints come back elsewhere.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class TelemetryLossTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Killing_the_silo_holding_an_arms_telemetry_keeps_every_checkpointed_request_in_its_window()
    {
        await using var cluster = await AzureTestCluster.StartAsync(
            ClusterIdentity.New(), silos: 2, fastFailureDetection: true, configure: b => b.AddSiloBuilderConfigurator<CheckpointWatchConfigurator>());
        var service = TestIds.New("svc");
        var key = TelemetryKey.Format(service, "eu-west", Arm.Green);
        var telemetry = cluster.Cluster.Client.GetGrain<ITelemetryGrain>(key);
        var start = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(30);
        for (var i = 0; i < 10; i++)
        {
            await telemetry.ReportAsync(Batch(service, start + TimeSpan.FromSeconds(2 * i), requests: 100));
        }

        var window = await Poll.UntilAsync(
            () => telemetry.GetWindowAsync(start, DateTimeOffset.UtcNow), w => w.RequestCount == 1000, "the 10 batches in the window", Deadline);
        await Poll.UntilAsync(() => CheckpointWatch.Checkpointed(key) == 1000, "a checkpoint holding all 1000 requests", Deadline);

        var grainId = telemetry.GetGrainId();
        var silos = cluster.Cluster.Silos.Select(s => s.SiloAddress).ToArray();
        var doomed = Assert.Single(await cluster.HostsOfAsync(grainId, silos));
        output.WriteLine($"{key} lives on {doomed}; killing it");
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(doomed)));

        var survivors = silos.Where(s => !s.Equals(doomed)).ToArray();
        var after = await Poll.UntilAsync(
            async () => (Window: await telemetry.GetWindowAsync(start, DateTimeOffset.UtcNow), Hosts: await cluster.HostsOfAsync(grainId, survivors)),
            a => a.Hosts.Length == 1,
            $"{key} to answer from the surviving silo",
            Deadline,
            errorsMeanNotYet: true);

        Assert.Equal(window.RequestCount, after.Window.RequestCount);
        Assert.Equal(window.Http5xxCount, after.Window.Http5xxCount);
        Assert.Equal(window.Latency, after.Window.Latency);
    }

    private static TelemetryBatch Batch(string service, DateTimeOffset from, int requests)
    {
        var totals = new TelemetryTotals();
        for (var i = 0; i < requests; i++)
        {
            totals.RecordRequest(100 + i, null, null, null, error: i == 0, http5xx: i == 0);
        }

        return totals.ToBatch(service, "eu-west", Arm.Green, PinnedVersions.Of(Samples.Green), from, from + TimeSpan.FromSeconds(1));
    }

    /// <summary>Counts, per telemetry grain, the requests its last confirmed checkpoint holds (in state and sealed segments).</summary>
    private static class CheckpointWatch
    {
        private static readonly Dictionary<string, long> Written = [];

        public static long Checkpointed(string key)
        {
            lock (Written)
            {
                return Written.GetValueOrDefault(key);
            }
        }

        public static void Record(GrainId grainId, TelemetryState state)
        {
            lock (Written)
            {
                Written[grainId.Key.ToString()!] = state.Open.Sum(b => b.Sum.RequestCount);
            }
        }
    }

    private sealed class CheckpointWatchStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
    {
        // The blob provider creates its container as a silo lifecycle participant: keep it one.
        public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
            if (grainState.State is TelemetryState telemetry)
            {
                CheckpointWatch.Record(grainId, telemetry);
            }
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
    }

    private sealed class CheckpointWatchConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.WrapCoordinatorStorage(inner => new CheckpointWatchStorage(inner));
    }
}
