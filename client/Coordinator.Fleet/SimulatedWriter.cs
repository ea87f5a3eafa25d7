using Coordinator.Client.Fences;
using Coordinator.Fences;

namespace Coordinator.Fleet;

/// <summary>
/// A background writer (an indexer) in one region: keeps its lease with the SDK's
/// <see cref="FencedWriter"/> and writes with whatever token it holds to a sink that checks every
/// write with a <see cref="LeaseSinkGuard"/>. A writer whose lease was frozen keeps writing with its
/// old token until its next renewal tells it so: those writes are the sink's to reject.
/// </summary>
public sealed class SimulatedWriter(
    IClusterClient client, LeaseSinkGuard sink, string service, string writer, RegionCounters counters, TimeSpan interval, TimeProvider time)
{
    /// <summary>Short, so a freeze is noticed within seconds and the demo shows the writer stop and resume.</summary>
    public static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(4);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var options = new FencedWriterOptions
        {
            Ttl = LeaseTtl,
            RetryInterval = TimeSpan.FromMilliseconds(500),
            HolderId = $"fleet-{counters.Region}-{writer}-{Guid.NewGuid():N}",
        };
        await using var lease = new FencedWriter(client, service, counters.Region, writer, options, time);

        // The writer retries on its own after a failed call (a silo going away); nothing to catch here.
        await lease.StartAsync();
        var highest = 0L;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (lease.CurrentToken is not { } token)
                {
                    continue;
                }

                if (token.FencingToken < highest)
                {
                    RegionCounters.Add(ref counters.TokenRegressions);
                }

                highest = Math.Max(highest, token.FencingToken);
                await WriteAsync(token);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task WriteAsync(LeaseToken token)
    {
        // Taken before the check: an accepted write was validated at or after this instant.
        var attempted = time.GetUtcNow();
        LeaseValidity validity;
        try
        {
            validity = await sink.CheckAsync(token);
        }
        catch (Exception)
        {
            // Any failure of the check (a call timed out or was cancelled by the runtime) is a failed write, never the writer's end.
            RegionCounters.Add(ref counters.WriterErrors);
            return;
        }

        switch (validity)
        {
            case LeaseValidity.Valid:
                RegionCounters.Add(ref counters.WritesAccepted);
                counters.AcceptedWriteTimes.Enqueue(attempted);
                break;
            default:
                RegionCounters.Add(ref counters.WritesRejected);
                counters.RejectedWriteTimes.Enqueue(attempted);
                break;
        }
    }
}
