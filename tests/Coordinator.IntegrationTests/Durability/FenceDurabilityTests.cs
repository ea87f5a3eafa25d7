using Coordinator.Client.Fences;
using Coordinator.Fences;
using Coordinator.Leases;
using Coordinator.IntegrationTests.Infrastructure;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Coordinator.IntegrationTests.Durability;

/// <summary>Fencing tokens and consumer pointers are durable: silo loss and full restarts never send them backwards.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class FenceDurabilityTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    /// <summary>Short enough that the tests wait out a reserve's horizon (TTL plus half of it).</summary>
    private static readonly TimeSpan ShortTtl = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task After_the_silo_hosting_a_lease_dies_between_a_block_reservation_and_its_use_the_holder_stands_to_its_horizon_and_the_next_token_is_above_the_block()
    {
        var (cluster, lease) = await TwoSilosAndALeaseAsync();
        await using var stop = cluster;

        // The second grant comes soon after the first, so it reserves a block of tokens ahead; none is used yet.
        var first = (await lease.AcquireAsync("writer-0", ShortTtl)).Token!;
        await lease.ReleaseAsync(first);
        var reserving = (await lease.AcquireAsync("writer-1", ShortTtl)).Token!;

        await KillHostAsync(cluster, lease);

        // The grant was written with its reserve: the new activation knows its holder and refuses everyone else.
        var held = await AnswerAgainAsync(lease, () => lease.AcquireAsync("writer-new", ShortTtl));
        Assert.Equal((LeaseGrantStatus.Held, "writer-1"), (held.Status, held.HeldBy));
        Assert.True(held.HeldUntil >= reserving.ExpiresAt, $"held until {held.HeldUntil:O}, before the {reserving.ExpiresAt:O} promised to writer-1");
        Assert.Equal(LeaseValidity.Valid, (await lease.ValidateAsync(reserving.FencingToken)).Validity);

        // Once the reserve's horizon passes, the next grant is numbered above the whole block.
        var next = await GrantedOnceFreeAsync(lease, "writer-new");
        Assert.True(next.FencingToken >= reserving.FencingToken + LeaseRules.ReserveBlock, $"token {next.FencingToken} is inside the block reserved with {reserving.FencingToken}");
        Assert.True(next.GrantedAt >= reserving.ExpiresAt, $"granted at {next.GrantedAt:O}, before writer-1's expiry {reserving.ExpiresAt:O}");
        foreach (var earlier in new[] { first, reserving })
        {
            Assert.Equal(LeaseValidity.Stale, (await lease.ValidateAsync(earlier.FencingToken)).Validity);
        }
    }

    [Fact]
    public async Task After_the_silo_hosting_a_lease_dies_between_a_grant_from_memory_and_its_renewal_its_token_is_refused_and_no_one_is_granted_before_its_promise()
    {
        var (cluster, lease) = await TwoSilosAndALeaseAsync();
        await using var stop = cluster;

        // writer-1's grant reserves a block; writer-2 and writer-3 are granted from it in memory, writer-3 renews in memory.
        var handedOut = new List<LeaseToken>();
        foreach (var holder in new[] { "writer-0", "writer-1", "writer-2" })
        {
            var token = (await lease.AcquireAsync(holder, ShortTtl)).Token!;
            handedOut.Add(token);
            await lease.ReleaseAsync(token);
        }

        var fromMemory = (await lease.AcquireAsync("writer-3", ShortTtl)).Token!;
        handedOut.Add(fromMemory);
        var renewed = await lease.RenewAsync(fromMemory, ShortTtl);
        Assert.Equal(LeaseGrantStatus.Granted, renewed.Status);
        Assert.Equal(LeaseValidity.Valid, (await lease.ValidateAsync(fromMemory.FencingToken)).Validity);
        output.WriteLine($"tokens {string.Join(", ", handedOut.Select(t => t.FencingToken))}; writer-3 renewed to {renewed.Token!.ExpiresAt:O}");

        await KillHostAsync(cluster, lease);

        // No record accounts for writer-3: its token is refused, and so is its renewal.
        var renewal = await AnswerAgainAsync(lease, () => lease.RenewAsync(fromMemory, ShortTtl));
        Assert.NotEqual(LeaseGrantStatus.Granted, renewal.Status);
        Assert.True(renewal.LatestFencingToken >= handedOut[1].FencingToken + LeaseRules.ReserveBlock - 1, $"latest token {renewal.LatestFencingToken} is inside the reserved block");
        Assert.NotEqual(LeaseValidity.Valid, (await lease.ValidateAsync(fromMemory.FencingToken)).Validity);

        var next = await GrantedOnceFreeAsync(lease, "writer-new");
        Assert.True(next.GrantedAt >= renewed.Token.ExpiresAt, $"granted at {next.GrantedAt:O}, before the {renewed.Token.ExpiresAt:O} promised to writer-3");
        Assert.True(next.FencingToken > renewal.LatestFencingToken, $"token {next.FencingToken} is not above {renewal.LatestFencingToken}");
        foreach (var earlier in handedOut)
        {
            Assert.Equal(LeaseValidity.Stale, (await lease.ValidateAsync(earlier.FencingToken)).Validity);
        }

        // The chain says what happened: the grants written before the kill, then the recovery, then the new grant.
        var audit = await lease.GetAuditAsync();
        Assert.Equal(["grant", "grant", "recover", "grant"], audit.Select(e => e.Command));
        Assert.True((await lease.VerifyAuditAsync()).IsValid);
    }

    /// <summary>Two silos that notice a killed one fast, and an "indexer" lease in a region with both arms registered.</summary>
    private static async Task<(AzureTestCluster Cluster, ILeaseGrain Lease)> TwoSilosAndALeaseAsync()
    {
        var cluster = await AzureTestCluster.StartAsync(ClusterIdentity.New(), silos: 2, fastFailureDetection: true);
        var service = TestIds.New("svc");
        await Samples.RegisterBothAsync(cluster.Region(service, "eu-west"));
        return (cluster, cluster.Client.GetGrain<ILeaseGrain>(FenceKey.Format(service, "eu-west", "indexer")));
    }

    private async Task KillHostAsync(AzureTestCluster cluster, ILeaseGrain lease)
    {
        var grainId = lease.GetGrainId();
        var silos = cluster.Cluster.Silos.Select(s => s.SiloAddress).ToArray();
        var host = Assert.Single(await cluster.HostsOfAsync(grainId, silos));
        output.WriteLine($"{grainId} on {host}; killing it");
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
    }

    private static Task<T> AnswerAgainAsync<T>(ILeaseGrain lease, Func<Task<T>> call) =>
        Poll.UntilAsync(call, _ => true, $"{lease.GetPrimaryKeyString()} to answer again after its silo was killed", TimeSpan.FromSeconds(60), errorsMeanNotYet: true);

    private static async Task<LeaseToken> GrantedOnceFreeAsync(ILeaseGrain lease, string holder)
    {
        var grant = await Poll.UntilAsync(
            () => lease.AcquireAsync(holder, ShortTtl),
            g => g.Status == LeaseGrantStatus.Granted,
            $"{lease.GetPrimaryKeyString()} to grant {holder} once every promise before the kill ran out",
            TimeSpan.FromSeconds(60));
        return grant.Token!;
    }

    [Fact]
    public async Task After_the_silo_hosting_a_lease_dies_between_renewals_that_wrote_nothing_no_one_else_is_granted_before_the_last_promise()
    {
        var (cluster, lease) = await TwoSilosAndALeaseAsync();
        await using var stop = cluster;

        var token = (await lease.AcquireAsync("writer-1", Ttl)).Token!;
        var horizon = (await lease.GetStatusAsync()).Holder!.ExpiresAt;
        Assert.True(horizon > token.ExpiresAt, $"stored horizon {horizon:O} is not past the grant's expiry {token.ExpiresAt:O}");
        for (var i = 0; i < 5; i++)
        {
            token = (await lease.RenewAsync(token, Ttl)).Token!;
        }

        // Inside the horizon: the renewals promised later expiries without moving what storage holds.
        Assert.Equal(horizon, (await lease.GetStatusAsync()).Holder!.ExpiresAt);
        Assert.True(token.ExpiresAt <= horizon, $"renewal promised {token.ExpiresAt:O}, past the stored horizon {horizon:O}");

        var grainId = lease.GetGrainId();
        output.WriteLine($"{grainId}: token {token.FencingToken} renewed to {token.ExpiresAt:O} in memory, horizon {horizon:O}");
        await KillHostAsync(cluster, lease);

        var held = await Poll.UntilAsync(
            () => lease.AcquireAsync("writer-2", Ttl),
            g => g.Status != LeaseGrantStatus.Granted || g.Token is not null,
            $"{grainId} to answer again after its silo was killed",
            TimeSpan.FromSeconds(60),
            errorsMeanNotYet: true);

        // The new activation knows only the stored horizon, and it covers every expiry promised before the kill.
        Assert.Equal((LeaseGrantStatus.Held, "writer-1"), (held.Status, held.HeldBy));
        Assert.True(held.HeldUntil >= token.ExpiresAt, $"held until {held.HeldUntil:O}, before the {token.ExpiresAt:O} promised to writer-1");
        var validation = await lease.ValidateAsync(token.FencingToken);
        Assert.Equal(LeaseValidity.Valid, validation.Validity);
        Assert.True(validation.ValidUntil >= token.ExpiresAt, $"valid until {validation.ValidUntil:O}, before {token.ExpiresAt:O}");
        var renewed = await lease.RenewAsync(token, Ttl);
        Assert.Equal((LeaseGrantStatus.Granted, token.FencingToken), (renewed.Status, renewed.Token!.FencingToken));
    }

    [Fact]
    public async Task Lease_tokens_and_consumer_pointers_survive_a_full_cluster_restart()
    {
        var identity = ClusterIdentity.New();
        var service = TestIds.New("svc");
        const string region = "us-east";
        var keys = Enumerable.Range(0, 600).Select(i => IdempotencyKeys.Derive("doc", $"d{i}", "r1", "idx-blue", "embed")).ToList();
        long tokenBefore;
        ConsumerPointerStatus pointerBefore;

        await using (var first = await AzureTestCluster.StartAsync(identity))
        {
            await Samples.RegisterBothAsync(first.Region(service, region));
            var lease = first.Client.GetGrain<ILeaseGrain>(FenceKey.Format(service, region, "etl"));
            tokenBefore = (await lease.AcquireAsync("etl-1", Ttl)).Token!.FencingToken;
            await lease.FreezeAsync("cmp-restart", Samples.Operator);

            var pointer = first.Client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(service, region, "orders"));
            await pointer.ConfigureAsync("consumer-blue", 4, Samples.Operator);
            var consumer = new FencedConsumer(first.Client, service, region, "orders", "consumer-blue", "blue-0");
            await consumer.HeartbeatAsync();

            // Enough keys that most of the ledger lives in sealed segments, not the pointer's own state.
            await Parallel.ForEachAsync(keys.Select((k, i) => (k, i)), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (item, _) =>
                Assert.Equal(CommitOutcome.Accepted, (await consumer.CommitAsync(item.i % 4, (item.i / 4) + 1, item.k, IdempotencyKeys.PayloadHash(item.k))).Outcome));
            pointerBefore = await pointer.GetStatusAsync();
        }

        await using var second = await AzureTestCluster.StartAsync(identity);

        var restartedLease = second.Client.GetGrain<ILeaseGrain>(FenceKey.Format(service, region, "etl"));
        var frozen = await restartedLease.AcquireAsync("etl-2", Ttl);
        Assert.Equal((LeaseGrantStatus.Frozen, "cmp-restart"), (frozen.Status, frozen.FrozenBy));
        await restartedLease.UnfreezeAsync("cmp-restart", "idx-green", Samples.Operator);
        var after = (await restartedLease.AcquireAsync("etl-2", Ttl)).Token!;
        Assert.True(after.FencingToken > tokenBefore);
        Assert.Equal("idx-green", after.IndexHash);

        var restartedPointer = second.Client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(service, region, "orders"));
        var pointerAfter = await restartedPointer.GetStatusAsync();
        Assert.Equal(pointerBefore.Offsets, pointerAfter.Offsets);
        Assert.Equal(pointerBefore.Counters, pointerAfter.Counters);
        Assert.Equal(600, pointerAfter.Counters.LedgerKeys);

        // Every key remembered before the restart is still a duplicate, sealed segments included.
        var replay = new FencedConsumer(second.Client, service, region, "orders", "consumer-blue", "blue-1");
        await replay.HeartbeatAsync();
        foreach (var (key, i) in keys.Select((k, i) => (k, i)).Where(x => x.i % 50 == 0))
        {
            Assert.Equal(CommitOutcome.Duplicate, (await replay.CommitAsync(i % 4, (i / 4) + 1, key, IdempotencyKeys.PayloadHash(key))).Outcome);
        }
    }
}
