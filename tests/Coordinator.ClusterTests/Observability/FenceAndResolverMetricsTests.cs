using Coordinator.Client;
using Coordinator.Client.Fences;
using Coordinator.Fences;
using Coordinator.Observability;
using Microsoft.Extensions.Time.Testing;

namespace Coordinator.ClusterTests.Observability;

/// <summary>The lease, ledger and SDK instruments as a listener sees them, after real calls on the cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FenceAndResolverMetricsTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Lease_grants_are_counted_once_per_new_token_and_refusals_by_reason()
    {
        using var recorded = new RecordedMeasurements(InstrumentNames.LeaseGrants, InstrumentNames.LeaseRejections);
        var region = Fixtures.NewRegion();
        await Fixtures.RegisteredRegion(Client, region);
        var lease = Client.GetGrain<ILeaseGrain>(FenceKey.Format(Fixtures.Service, region, "indexer"));

        var first = (await lease.AcquireAsync("writer-a", Ttl)).Token!;
        Assert.Equal(LeaseGrantStatus.Granted, (await lease.AcquireAsync("writer-a", Ttl)).Status);
        Assert.Equal(LeaseGrantStatus.Held, (await lease.AcquireAsync("writer-b", Ttl)).Status);
        await lease.FreezeAsync("cmp-metrics", "alice");
        Assert.Equal(LeaseGrantStatus.Frozen, (await lease.AcquireAsync("writer-b", Ttl)).Status);
        Assert.Equal(LeaseValidity.Frozen, (await lease.ValidateAsync(first.FencingToken)).Validity);

        var grants = recorded.Of(InstrumentNames.LeaseGrants, TagNames.Region, region);
        var refusals = recorded.Of(InstrumentNames.LeaseRejections, TagNames.Region, region);
        Assert.Equal([(Fixtures.Service, "indexer", 1.0)], grants.Select(g => (g.Tag(TagNames.Service), g.Tag(TagNames.Writer), g.Value)));
        Assert.Equal(["held", "frozen", "frozen"], refusals.Select(r => r.Tag(TagNames.Reason)));
    }

    [Fact]
    public async Task Ledger_dedupe_hits_and_conflicts_are_counted_per_group()
    {
        using var recorded = new RecordedMeasurements(InstrumentNames.LedgerDedupeHits, InstrumentNames.LedgerConflicts);
        var region = Fixtures.NewRegion();
        var pointer = Client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(Fixtures.Service, region, "orders"));
        await pointer.ConfigureAsync("consumer-blue", 2, "alice");
        var consumer = new FencedConsumer(Client, Fixtures.Service, region, "orders", "consumer-blue", "metrics");
        await consumer.HeartbeatAsync();

        Assert.Equal(CommitOutcome.Accepted, (await consumer.CommitAsync(0, 1, "k1", "sha256:one")).Outcome);
        Assert.Equal(CommitOutcome.Duplicate, (await consumer.CommitAsync(0, 1, "k1", "sha256:one")).Outcome);
        Assert.Equal(CommitOutcome.Duplicate, (await consumer.CommitAsync(0, 1, "k1", "sha256:one")).Outcome);
        Assert.Equal(CommitOutcome.Conflict, (await consumer.CommitAsync(0, 1, "k1", "sha256:two")).Outcome);

        var status = await pointer.GetStatusAsync();
        var hits = recorded.Of(InstrumentNames.LedgerDedupeHits, TagNames.Region, region);
        var conflicts = recorded.Of(InstrumentNames.LedgerConflicts, TagNames.Region, region);
        Assert.Equal(status.Counters.DedupeHits, hits.Sum(h => (long)h.Value));
        Assert.Equal(status.Counters.Conflicts, conflicts.Sum(c => (long)c.Value));
        Assert.Equal((2, 1), (hits.Count, conflicts.Count));
        Assert.All(hits.Concat(conflicts), m => Assert.Equal("orders", m.Tag(TagNames.Group)));
    }

    [Fact]
    public async Task The_resolver_records_how_long_after_the_flip_it_applied_it()
    {
        using var recorded = new RecordedMeasurements(InstrumentNames.PropagationDelay);
        var region = Fixtures.NewRegion();
        var grain = await Fixtures.RegisteredRegion(Client, region);

        // The resolver's clock is ahead of the silo's by a known margin, so the delay it reports is known once the flip's time is.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(30));
        await using var resolver = new ActiveArmResolver(Client, new ActiveArmResolverOptions { RefreshInterval = TimeSpan.FromMinutes(1) }, time);
        await resolver.GetAsync(Fixtures.Service, region);
        Assert.Empty(recorded.Of(InstrumentNames.PropagationDelay, TagNames.Region, region));

        var flip = await grain.FlipAsync(Fixtures.Flip(Arm.Green, 0));
        // The resolver advances its cache, then records the delay: wait for the measurement, not the cache.
        await Poll.UntilAsync(() => recorded.Of(InstrumentNames.PropagationDelay, TagNames.Region, region).Count > 0, "the resolver to apply the flip and record its delay");

        Assert.Equal(1, resolver.TryGetCached(Fixtures.Service, region)?.Epoch);
        var delay = Assert.Single(recorded.Of(InstrumentNames.PropagationDelay, TagNames.Region, region));
        Assert.Equal((time.GetUtcNow() - flip.At).TotalSeconds, delay.Value, precision: 6);
        Assert.Equal((Fixtures.Service, "notification"), (delay.Tag(TagNames.Service), delay.Tag(TagNames.Source)));
    }
}
