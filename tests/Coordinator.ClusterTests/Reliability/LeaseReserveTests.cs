using System.Collections.Concurrent;
using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Grains.Leases;
using Coordinator.Leases;
using Coordinator.TestKit;
using Orleans.Runtime;
using Orleans.Streams;

namespace Coordinator.ClusterTests.Reliability;

/// <summary>
/// A churning lease grants from its reserve without writing, and storage catches up: when the lease goes quiet,
/// when its audit is read, and in its notices. On fake time: the grain timers come due only when the test advances the clock.
/// </summary>
[Collection(FakeTimeClusterCollection.Name)]
public sealed class LeaseReserveTests(FakeTimeClusterFixture fixture)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_churning_lease_records_its_grants_from_memory_and_closes_its_reserve_once_quiet()
    {
        var (lease, tokens) = await ChurnAsync("w0", "w1", "w2");
        var stored = await Stored(lease);
        Assert.Equal((2L, 1 + LeaseRules.ReserveBlock), (stored.LatestToken, stored.ReservedThrough));

        var quiet = await Poll.UntilAsync(
            async () =>
            {
                fixture.Clock.Advance(TimeSpan.FromSeconds(1));
                await Pace();
                return await Stored(lease);
            },
            s => s.ReservedThrough == s.LatestToken,
            $"the lease to record what memory holds once quiet for {LeaseRules.ChurnWindow.TotalSeconds:0} s of its clock");

        Assert.Equal((3L, "w2"), (quiet.LatestToken, quiet.Holder?.HolderId));
        Assert.Equal(["grant", "grant", "grant"], quiet.Audit.Select(e => e.Command));
        Assert.Equal(LeaseValidity.Valid, (await lease.ValidateAsync(tokens[^1].FencingToken)).Validity);
    }

    [Fact]
    public async Task A_lease_deactivated_while_churning_records_its_grants_and_closes_its_reserve_so_the_next_activation_keeps_the_holder()
    {
        var (lease, tokens) = await ChurnAsync("w0", "w1", "w2");
        Assert.True((await Stored(lease)).ReservedThrough > 3);

        await fixture.Cluster.DeactivateAsync(lease.GetGrainId());

        var stored = await Stored(lease);
        Assert.Equal((3L, 3L, "w2"), (stored.LatestToken, stored.ReservedThrough, stored.Holder?.HolderId));
        var held = await lease.AcquireAsync("w9", Ttl);
        Assert.Equal((LeaseGrantStatus.Held, "w2"), (held.Status, held.HeldBy));
        Assert.Equal(LeaseValidity.Valid, (await lease.ValidateAsync(tokens[^1].FencingToken)).Validity);
        Assert.DoesNotContain("recover", (await lease.GetAuditAsync()).Select(e => e.Command));
    }

    [Fact]
    public async Task An_audit_read_records_the_grants_held_in_memory_first_and_leaves_a_busy_reserve_open()
    {
        var (lease, tokens) = await ChurnAsync("w0", "w1", "w2", "w3");
        Assert.Equal(2, (await Stored(lease)).AuditCount);

        var audit = await lease.GetAuditAsync();

        Assert.Equal(["w0", "w1", "w2", "w3"], audit.Select(e => e.Operator));
        var stored = await Stored(lease);
        Assert.Equal((4L, 4L), (stored.AuditCount, stored.LatestToken));
        Assert.True(stored.ReservedThrough > stored.LatestToken, "a busy lease keeps its reserve open");
        Assert.True((await lease.VerifyAuditAsync()).IsValid);
        Assert.Equal([1L, 2L, 3L, 4L], tokens.Select(t => t.FencingToken));
    }

    [Fact]
    public async Task Notices_of_a_churning_lease_are_spaced_and_the_last_change_always_goes_out()
    {
        var region = Fixtures.NewRegion();
        await Fixtures.RegisteredRegion(fixture.Client, region);
        var key = FenceKey.Format(Fixtures.Service, region, "indexer");
        var seen = new ConcurrentQueue<LeaseChanged>();
        var subscription = await fixture.Client.GetStreamProvider(FlipStream.ProviderName)
            .GetStream<LeaseChanged>(StreamId.Create(LeaseStream.Namespace, key))
            .SubscribeAsync((change, _) =>
            {
                seen.Enqueue(change);
                return Task.CompletedTask;
            });
        try
        {
            var lease = fixture.Client.GetGrain<ILeaseGrain>(key);
            var tokens = new List<LeaseToken>();
            for (var i = 0; i < 5; i++)
            {
                var token = (await lease.AcquireAsync($"w{i}", Ttl)).Token!;
                tokens.Add(token);
                await lease.ReleaseAsync(token);
            }

            // The first change goes out at once, the other nine (five grants, five releases) wait for the spacing. The
            // memory stream delivers on the silos' clock too, so the clock moves while the test waits.
            var last = await Poll.UntilAsync(
                () =>
                {
                    fixture.Clock.Advance(TimeSpan.FromMilliseconds(500));
                    return Task.FromResult(seen.LastOrDefault());
                },
                c => c?.LatestFencingToken == tokens[^1].FencingToken && c.ValidToken is null,
                $"a notice of the last release (token {tokens[^1].FencingToken}) once {LeaseGrain.NoticeSpacing.TotalSeconds:0} s of the silos' clock passed");

            Assert.Null(last!.ValidUntil);
            Assert.True(seen.Count < 10, $"{seen.Count} notices for 10 changes made within one spacing");
            Assert.Equal(seen.Select(c => c.LatestFencingToken).Order(), seen.Select(c => c.LatestFencingToken));
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }

    /// <summary>Grants each holder in turn and releases all but the last, on one region's lease, without moving the clock.</summary>
    private async Task<(ILeaseGrain Lease, List<LeaseToken> Tokens)> ChurnAsync(params string[] holders)
    {
        var region = Fixtures.NewRegion();
        await Fixtures.RegisteredRegion(fixture.Client, region);
        var lease = fixture.Client.GetGrain<ILeaseGrain>(FenceKey.Format(Fixtures.Service, region, "indexer"));
        var tokens = new List<LeaseToken>();
        foreach (var holder in holders)
        {
            if (tokens.Count > 0)
            {
                await lease.ReleaseAsync(tokens[^1]);
            }

            tokens.Add((await lease.AcquireAsync(holder, Ttl)).Token!);
        }

        return (lease, tokens);
    }

    private Task<LeaseState> Stored(ILeaseGrain lease) => StoredState.ValueAsync<LeaseState>(fixture.Cluster, lease, "lease");

    /// <summary>A round trip to another grain, so timers that came due get to run.</summary>
    private Task Pace() => fixture.Client.GetGrain<IServiceDirectoryGrain>("lease-reserve-pacer").GetRegionsAsync();
}
