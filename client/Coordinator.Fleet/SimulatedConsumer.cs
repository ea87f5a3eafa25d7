using System.Collections.Concurrent;
using Coordinator.Client.Fences;
using Coordinator.Fences;

namespace Coordinator.Fleet;

/// <summary>
/// One queue-consumer instance of one CONSUMER_VER (Blue's or Green's) in one region, driven by the
/// region's consumer pointer through the SDK's <see cref="FencedConsumer"/>: it consumes a simulated
/// queue only while told to, from the offsets the pointer hands it, and commits every side effect
/// through the idempotency ledger. Every <see cref="ReplayEvery"/>th message it deliberately sends
/// again (a redelivery), which the ledger must answer as a duplicate. When its version is moved away
/// it plays a zombie once: one commit with its old token, which the pointer must fence.
/// </summary>
public sealed class SimulatedConsumer(
    IClusterClient client,
    string service,
    string group,
    string consumerVer,
    string indexHash,
    RegionCounters counters,
    ConcurrentDictionary<int, long> committed,
    TimeSpan heartbeat)
{
    public const int ReplayEvery = 10;
    public const int PerPartitionPerBeat = 2;

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan SignOffTimeout = TimeSpan.FromSeconds(2);

    private readonly FencedConsumer _consumer = new(client, service, counters.Region, group, consumerVer, $"fleet-{counters.Region}-{consumerVer}-{Guid.NewGuid():N}");
    private readonly Dictionary<int, long> _position = [];
    private long? _lastToken;
    private bool _zombiePlayed;
    private long _sent;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var paused = false;
        var backoff = heartbeat;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var directive = await _consumer.HeartbeatAsync(paused);
                CheckOffsets(directive);
                paused = false;
                switch (directive.Kind)
                {
                    case ConsumerDirectiveKind.Consume:
                        _zombiePlayed = false;
                        await ConsumeAsync(directive, cancellationToken);
                        break;
                    case ConsumerDirectiveKind.Pause:
                        // Commits are synchronous, so nothing is in flight: acknowledge on the next beat.
                        paused = true;
                        break;
                    default:
                        await PlayZombieOnceAsync();
                        break;
                }

                backoff = heartbeat;
            }
            catch (Exception ex) when (CallFailures.IsFailure(ex, cancellationToken))
            {
                // A silo went away or a call timed out: back off and heartbeat again.
                RegionCounters.Add(ref counters.ConsumerErrors);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }

            try
            {
                await Task.Delay(backoff, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await SignOffAsync();
    }

    /// <summary>
    /// A stopped instance has nothing in flight: say so, so a move does not wait for it to time out.
    /// Best effort; the pointer forgets silent instances anyway.
    /// </summary>
    private async Task SignOffAsync()
    {
        try
        {
            await _consumer.HeartbeatAsync(paused: true).WaitAsync(SignOffTimeout);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            RegionCounters.Add(ref counters.ConsumerErrors);
        }
    }

    private async Task ConsumeAsync(ConsumerDirective directive, CancellationToken cancellationToken)
    {
        if (directive.Token != _lastToken)
        {
            // A new grant (first start, or after a move): resume exactly where the pointer says.
            _position.Clear();
            foreach (var (partition, offset) in directive.Offsets)
            {
                _position[partition] = offset;
            }

            _lastToken = directive.Token;
        }

        foreach (var partition in _position.Keys.ToList())
        {
            for (var i = 0; i < PerPartitionPerBeat && !cancellationToken.IsCancellationRequested; i++)
            {
                var offset = _position[partition];
                var result = await CommitAsync(partition, offset, replay: false);
                // Fenced or ledger-full: nothing applied; the next heartbeat says what to do.
                if (result.Outcome is CommitOutcome.Fenced or CommitOutcome.LedgerFull)
                {
                    return;
                }

                _position[partition] = offset + 1;
                if (++_sent % ReplayEvery == 0)
                {
                    // The queue redelivers the message just handled: the ledger must not apply it twice.
                    await CommitAsync(partition, offset, replay: true);
                }
            }
        }
    }

    /// <summary>Commits message <paramref name="offset"/> (the committed offset becomes the next one to read).</summary>
    private async Task<CommitResult> CommitAsync(int partition, long offset, bool replay)
    {
        var (key, payload) = Message(partition, offset);
        CommitResult result;
        try
        {
            result = await _consumer.CommitAsync(partition, offset + 1, key, payload);
        }
        catch when (!replay)
        {
            // Unknown whether it was applied: the next beat sends the same message again.
            RegionCounters.Add(ref counters.ResentAfterError);
            throw;
        }

        if (replay)
        {
            RegionCounters.Add(ref counters.Replayed);
        }

        Count(result);
        return result;
    }

    private void Count(CommitResult result)
    {
        switch (result.Outcome)
        {
            case CommitOutcome.Accepted:
                RegionCounters.Add(ref counters.CommitsAccepted);
                var previous = committed.GetOrAdd(result.Partition, 0);
                if (result.CommittedOffset < previous)
                {
                    RegionCounters.Add(ref counters.OffsetRegressions);
                }

                committed.AddOrUpdate(result.Partition, result.CommittedOffset, (_, old) => Math.Max(old, result.CommittedOffset));
                break;
            case CommitOutcome.Duplicate:
                RegionCounters.Add(ref counters.Duplicates);
                break;
            case CommitOutcome.Fenced:
            case CommitOutcome.LedgerFull:
                // Both are refusals with nothing applied; the fleet's summary has no ledger column of its own.
                RegionCounters.Add(ref counters.Fenced);
                break;
            default:
                RegionCounters.Add(ref counters.Conflicts);
                break;
        }
    }

    /// <summary>The pointer must never hand out offsets below ones it already accepted.</summary>
    private void CheckOffsets(ConsumerDirective directive)
    {
        foreach (var (partition, offset) in directive.Offsets)
        {
            if (committed.TryGetValue(partition, out var highest) && offset < highest)
            {
                RegionCounters.Add(ref counters.OffsetRegressions);
            }
        }
    }

    /// <summary>Once per loss of the pointer: commit the next message with the token this instance last held.</summary>
    private async Task PlayZombieOnceAsync()
    {
        if (_zombiePlayed || _lastToken is not { } stale || _position.Count == 0)
        {
            return;
        }

        _zombiePlayed = true;
        var partition = _position.Keys.First();
        var (key, payload) = Message(partition, _position[partition]);

        // Straight to the pointer grain: the SDK's FencedConsumer refuses to commit without a current token, as it should.
        var result = await client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(service, counters.Region, group)).CommitAsync(new CommitRequest
        {
            Partition = partition,
            Offset = _position[partition] + 1,
            IdempotencyKey = key,
            PayloadHash = payload,
            Token = stale,
            ConsumerVer = consumerVer,
        });
        RegionCounters.Add(ref counters.ZombieCommits);
        if (result.Outcome == CommitOutcome.Accepted)
        {
            RegionCounters.Add(ref counters.ZombieAccepted);
        }

        Count(result);
    }

    private (string Key, string PayloadHash) Message(int partition, long offset)
    {
        var id = $"{counters.Region}-p{partition}-m{offset}";
        return (
            IdempotencyKeys.Derive("queue-message", id, "1", indexHash, "deliver-webhook"),
            IdempotencyKeys.PayloadHash($"{{\"message\":\"{id}\",\"index_hash\":\"{indexHash}\"}}"));
    }
}
