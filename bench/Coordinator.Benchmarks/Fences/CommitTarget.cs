using Coordinator.Benchmarks.Cluster;
using Coordinator.Client.Fences;
using Coordinator.Fences;

namespace Coordinator.Benchmarks.Fences;

/// <summary>
/// One consumer pointer as a queue consumer uses it: configured for the Blue arm's CONSUMER_VER
/// over <see cref="Catalog.CommitPartitions"/> partitions, one <see cref="FencedConsumer"/> that
/// heartbeats once for its token, then commits, each with a fresh idempotency key derived from
/// the message as a consumer would, and the next offset of its partition. Safe for many callers.
/// </summary>
internal sealed class CommitTarget
{
    private readonly FencedConsumer _consumer;
    private readonly string _indexHash;
    private readonly long[] _offsets;
    private readonly long[] _outcomes = new long[Enum.GetValues<CommitOutcome>().Length];
    private long _sequence;

    private CommitTarget(IConsumerPointerGrain pointer, FencedConsumer consumer, string group, int partitions, string indexHash)
    {
        Pointer = pointer;
        _consumer = consumer;
        Group = group;
        _indexHash = indexHash;
        _offsets = new long[partitions];
    }

    public IConsumerPointerGrain Pointer { get; }

    public string Group { get; }

    /// <summary>Commits sent, warm-up included.</summary>
    public long Calls => Interlocked.Read(ref _sequence);

    public long Count(CommitOutcome outcome) => Interlocked.Read(ref _outcomes[(int)outcome]);

    /// <summary>The highest offset sent to each partition.</summary>
    public IReadOnlyList<long> Offsets => Enumerable.Range(0, _offsets.Length).Select(p => Interlocked.Read(ref _offsets[p])).ToArray();

    public static async Task<CommitTarget> SetUpAsync(IClusterClient client, string region, string group, int partitions)
    {
        var blue = Seed.Manifest(Arm.Blue);
        var pointer = client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(Seed.Service, region, group));
        await pointer.ConfigureAsync(blue.ConsumerVer, partitions, Seed.Operator);
        var consumer = new FencedConsumer(client, Seed.Service, region, group, blue.ConsumerVer, $"bench-{group}-0");
        var directive = await consumer.HeartbeatAsync();
        if (directive.Kind != ConsumerDirectiveKind.Consume || directive.Token is null)
        {
            throw new InvalidOperationException($"consumer pointer {group} told the consumer {directive.Kind} ({directive.Reason}) instead of Consume with a token");
        }

        return new CommitTarget(pointer, consumer, group, partitions, blue.IndexHash);
    }

    /// <summary>Commits the next message; throws unless the pointer accepts it.</summary>
    public async Task CommitAsync()
    {
        var n = Interlocked.Increment(ref _sequence);
        var partition = (int)(n % _offsets.Length);
        var offset = Interlocked.Increment(ref _offsets[partition]);
        var key = IdempotencyKeys.Derive("document", $"{Group}-doc-{n}", "rev-1", _indexHash, "upsert");
        var payload = IdempotencyKeys.PayloadHash($"{Group}/{partition}/{offset}");
        var result = await _consumer.CommitAsync(partition, offset, key, payload);
        Interlocked.Increment(ref _outcomes[(int)result.Outcome]);
        if (result.Outcome != CommitOutcome.Accepted)
        {
            throw new InvalidOperationException($"commit {n} to {Group} partition {partition} offset {offset} was {result.Outcome}: {result.Reason}");
        }
    }
}
