using System.Collections.Concurrent;
using Coordinator.Client.Fences;
using Coordinator.Fences;

namespace Coordinator.ClusterTests;

[Collection(ClusterCollection.Name)]
public sealed class LeaseTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    private IClusterClient Client => fixture.Client;

    private async Task<(string Region, ILeaseGrain Lease)> NewLease(string writer = "indexer")
    {
        var region = Fixtures.NewRegion();
        await Fixtures.RegisteredRegion(Client, region);
        return (region, Client.GetGrain<ILeaseGrain>(FenceKey.Format(Fixtures.Service, region, writer)));
    }

    /// <summary>A write sink that applies a write only when the guard accepts its token.</summary>
    private sealed class Sink(LeaseSinkGuard guard)
    {
        public ConcurrentBag<(string Writer, long Token)> Applied { get; } = [];
        public ConcurrentBag<(string Writer, long Token, LeaseValidity Why)> Rejected { get; } = [];

        public async Task<bool> WriteAsync(string writer, LeaseToken token)
        {
            var validity = await guard.CheckAsync(token);
            if (validity == LeaseValidity.Valid)
            {
                Applied.Add((writer, token.FencingToken));
                return true;
            }

            Rejected.Add((writer, token.FencingToken, validity));
            return false;
        }
    }

    [Fact]
    public async Task A_zombie_writer_is_rejected_after_a_freeze_and_a_re_grant_while_the_new_holder_is_accepted()
    {
        var (_, lease) = await NewLease();
        await using var guard = new LeaseSinkGuard(Client);
        var sink = new Sink(guard);

        var zombie = (await lease.AcquireAsync("zombie", Ttl)).Token!;
        Assert.True(await sink.WriteAsync("zombie", zombie));

        await lease.FreezeAsync("cmp-1", "alice");
        // The freeze notice reaches the guard and kills the cached answer.
        await Poll.UntilAsync(async () => !await sink.WriteAsync("zombie", zombie), "the guard to reject the frozen token");
        var refused = await lease.AcquireAsync("fresh", Ttl);
        Assert.Equal((LeaseGrantStatus.Frozen, "cmp-1"), (refused.Status, refused.FrozenBy));

        await lease.UnfreezeAsync("cmp-1", "idx-green", "alice");
        var fresh = (await lease.AcquireAsync("fresh", Ttl)).Token!;
        Assert.True(fresh.FencingToken > zombie.FencingToken);
        Assert.Equal("idx-green", fresh.IndexHash);

        var rejectedBefore = sink.Rejected.Count;
        var zombieAppliedBefore = sink.Applied.Count(a => a.Writer == "zombie");
        for (var i = 0; i < 50; i++)
        {
            Assert.False(await sink.WriteAsync("zombie", zombie), $"zombie write {i} was accepted");
            Assert.True(await sink.WriteAsync("fresh", fresh), $"fresh write {i} was rejected");
        }

        Assert.Equal(rejectedBefore + 50, sink.Rejected.Count);
        Assert.All(sink.Rejected.Where(r => r.Writer == "zombie" && r.Why != LeaseValidity.Frozen), r => Assert.Equal(LeaseValidity.Stale, r.Why));
        Assert.Equal(zombieAppliedBefore, sink.Applied.Count(a => a.Writer == "zombie"));
        Assert.Equal(50, sink.Applied.Count(a => a.Writer == "fresh"));
        Assert.True(guard.CacheHits > 0, "the guard should answer repeated checks from its cache");
    }

    [Fact]
    public async Task Twenty_racing_writers_never_hold_valid_tokens_at_the_same_time()
    {
        var (_, lease) = await NewLease("etl");
        var grants = new ConcurrentBag<LeaseToken>();
        var overlaps = new ConcurrentBag<string>();

        var writers = Enumerable.Range(0, 20).Select(w => Task.Run(async () =>
        {
            var holder = $"writer-{w}";
            for (var won = 0; won < 3;)
            {
                var grant = await lease.AcquireAsync(holder, Ttl);
                if (grant.Status != LeaseGrantStatus.Granted)
                {
                    Assert.Equal(LeaseGrantStatus.Held, grant.Status);
                    continue;
                }

                won++;
                var token = grant.Token!;
                grants.Add(token);

                // While this writer holds, every other token ever granted must be refused.
                foreach (var other in grants.Where(g => g.FencingToken != token.FencingToken))
                {
                    var validity = (await lease.ValidateAsync(other.FencingToken)).Validity;
                    if (validity == LeaseValidity.Valid)
                    {
                        overlaps.Add($"{other.HolderId}#{other.FencingToken} valid while {holder}#{token.FencingToken} held");
                    }
                }

                Assert.Equal(LeaseValidity.Valid, (await lease.ValidateAsync(token.FencingToken)).Validity);
                await lease.ReleaseAsync(token);
            }
        })).ToList();
        await Task.WhenAll(writers);

        Assert.Empty(overlaps);
        var tokens = grants.Select(g => g.FencingToken).Order().ToList();
        Assert.Equal(60, tokens.Count);
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), tokens);
    }

    [Fact]
    public async Task A_fenced_writer_reports_frozen_then_holds_a_higher_token_after_the_unfreeze()
    {
        var (region, lease) = await NewLease("webhooks");
        await using var writer = new FencedWriter(Client, Fixtures.Service, region, "webhooks",
            new FencedWriterOptions { Ttl = Ttl, RetryInterval = TimeSpan.FromMilliseconds(50) });
        var states = new ConcurrentQueue<FencedWriterState>();
        writer.StateChanged += states.Enqueue;

        await writer.StartAsync();
        var first = writer.CurrentToken;
        Assert.NotNull(first);
        Assert.Equal(FencedWriterState.Holding, writer.State);
        Assert.Equal("idx-blue", first.IndexHash);

        await lease.FreezeAsync("cmp-2", "alice");
        // The writer learns on its next renew; ask for it now rather than wait half a TTL.
        await Poll.UntilAsync(() => writer.State == FencedWriterState.Frozen || TriggerRenew(writer), "the writer to report Frozen");
        Assert.Null(writer.CurrentToken);
        Assert.Equal("cmp-2", writer.FrozenBy);

        await lease.UnfreezeAsync("cmp-2", "idx-green", "alice");
        await Poll.UntilAsync(() => writer.State == FencedWriterState.Holding, "the writer to hold again after the unfreeze");
        var second = writer.CurrentToken!;
        Assert.True(second.FencingToken > first.FencingToken);
        Assert.Equal("idx-green", second.IndexHash);
        Assert.Equal([FencedWriterState.Holding, FencedWriterState.Frozen, FencedWriterState.Holding], states);
    }

    private static bool TriggerRenew(FencedWriter writer)
    {
        _ = writer.StartAsync();
        return false;
    }

    [Fact]
    public async Task Bad_lease_input_is_refused_naming_the_field_and_changes_nothing()
    {
        var (region, lease) = await NewLease();
        var before = await lease.GetStatusAsync();

        var ttl = await Assert.ThrowsAsync<InvalidInputException>(() => lease.AcquireAsync("w1", TimeSpan.FromHours(2)));
        Assert.Equal("ttl", Assert.Single(ttl.Errors).Field);
        var holder = await Assert.ThrowsAsync<InvalidInputException>(() => lease.AcquireAsync("", Ttl));
        Assert.Equal("holder", Assert.Single(holder.Errors).Field);
        var empty = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Client.GetGrain<ILeaseGrain>(FenceKey.Format(Fixtures.Service, region, "")).AcquireAsync("w1", Ttl));
        Assert.Equal("writer", Assert.Single(empty.Errors).Field);
        await Assert.ThrowsAsync<FenceNotOwnedException>(() => lease.UnfreezeAsync("cmp-x", "idx", "alice"));

        Assert.Equal(before, await lease.GetStatusAsync());
    }
}
