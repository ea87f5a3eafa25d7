using System.Diagnostics;
using Coordinator.Benchmarks.Figures;
using Coordinator.Benchmarks.Measure;
using Etcdserverpb;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace Coordinator.Benchmarks.Peer;

/// <summary>
/// The etcd side of the peer benchmark: what a team would build instead of Coordinator, one etcd key
/// per region with watches and leases, driven through the dotnet-etcd package's gRPC client with the
/// same closed loops, caller counts and CPU accounting as the product's figures.
/// </summary>
internal sealed class EtcdFigures(EtcdServer server, BenchProfile profile, CpuMeter cpu, Action<string> say) : IDisposable
{
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(5);
    private const long LeaseTtlSeconds = 30;

    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(server.Endpoint);
    private CancellationToken _cancellation;

    private KV.KVClient Kv => new(_channel);

    private LoadShape Shape => new(profile.Warmup, profile.SettleLimit, profile.ReadWindow, profile.ReadRounds);

    public async Task<IReadOnlyList<FigureResult>> RunAllAsync(int watchers, CancellationToken cancellationToken)
    {
        _cancellation = cancellationToken;
        var results = new List<FigureResult>();
        say($"etcd {server.Version} on {server.Endpoint}: serializable gets, {Catalog.ReadCallers} in flight");
        results.Add(await Guard(PeerCatalog.EtcdRead, ReadAsync));
        say("etcd: compare-and-set txn on one key's mod revision, sequential");
        results.Add(await Guard(PeerCatalog.EtcdFlip, FlipAsync));
        say($"etcd: one serializable get after a 0-100 ms pause ({profile.PropagationFlips} rounds)");
        results.Add(await Guard(PeerCatalog.EtcdIdleRoundTrip, () => IdleGetAsync(cancellationToken)));
        say($"etcd: put -> {watchers} watches on 1 client, then on {watchers} clients ({profile.PropagationFlips} puts each)");
        results.Add(await Guard(PeerCatalog.EtcdWatchOneClient(watchers), () => WatchAsync(PeerCatalog.EtcdWatchOneClient(watchers), watchers, 1, cancellationToken)));
        results.Add(await Guard(PeerCatalog.EtcdWatchManyClients(watchers), () => WatchAsync(PeerCatalog.EtcdWatchManyClients(watchers), watchers, watchers, cancellationToken)));
        say($"etcd: lease grant + put, {Catalog.FenceCallers} in flight; then keep-alive, {Catalog.FenceCallers} writers on their own streams");
        results.Add(await Guard(PeerCatalog.EtcdLeaseAcquire, LeaseAcquireAsync));
        results.Add(await Guard(PeerCatalog.EtcdKeepAlive, () => KeepAliveAsync(cancellationToken)));
        say($"etcd: fenced txn check, then fenced commits recording an idempotency key ({Catalog.FenceCallers} callers)");
        results.Add(await Guard(PeerCatalog.EtcdFenceCheck, FenceCheckAsync));
        results.Add(await Guard(PeerCatalog.EtcdCommit, CommitAsync));
        return results;
    }

    private async Task<FigureResult> ReadAsync()
    {
        var kv = Kv;
        var keys = Enumerable.Range(0, Catalog.ReadRegions).Select(i => Key($"regions/read-{i:D3}")).ToArray();
        foreach (var key in keys)
        {
            await kv.PutAsync(new PutRequest { Key = key, Value = ByteString.CopyFromUtf8("Blue:0") });
        }

        var load = await ClosedLoop.RunAsync(Catalog.ReadCallers, Shape.Warmup, Shape.Window, async i =>
        {
            var answer = await kv.RangeAsync(new RangeRequest { Key = keys[i % keys.Length], Serializable = true });
            if (answer.Count != 1)
            {
                throw new InvalidOperationException($"etcd answered {answer.Count} keys for {keys[i % keys.Length].ToStringUtf8()}");
            }
        }, cpu, Shape.Rounds, settleLimit: Shape.SettleLimit);
        return Measured(PeerCatalog.EtcdRead, load.PerSecond, load,
            $"{Catalog.ReadRegions} keys, one per region; serializable (served by the member without a quorum round, as a resolver would read)");
    }

    private async Task<FigureResult> FlipAsync()
    {
        var kv = Kv;
        var key = Key("regions/flip-000");
        var revision = (await kv.PutAsync(new PutRequest { Key = key, Value = ByteString.CopyFromUtf8("Blue:0") })).Header.Revision;
        long epoch = 0;
        var refused = 0L;
        async Task Flip(int _)
        {
            var next = epoch + 1;
            var txn = new TxnRequest();
            txn.Compare.Add(new Compare { Key = key, Target = Compare.Types.CompareTarget.Mod, Result = Compare.Types.CompareResult.Equal, ModRevision = revision });
            txn.Success.Add(new RequestOp { RequestPut = new PutRequest { Key = key, Value = ByteString.CopyFromUtf8($"{(next % 2 == 0 ? "Blue" : "Green")}:{next}") } });
            var answer = await kv.TxnAsync(txn);
            if (!answer.Succeeded)
            {
                refused++;
                throw new InvalidOperationException($"the flip's compare on mod revision {revision} failed: someone else wrote the key");
            }

            revision = answer.Header.Revision;
            epoch = next;
        }

        var load = await ClosedLoop.RunAsync(1, profile.Warmup, profile.Window, Flip, cpu, 1, profile.MaxSequentialFlips);
        return Measured(PeerCatalog.EtcdFlip, load.PerSecond, load,
            $"txn: compare mod_revision(key) == the revision of the previous write, then put; {epoch:N0} flips, {refused} refused; etcd fsyncs its WAL per commit (defaults)");
    }

    private async Task<FigureResult> IdleGetAsync(CancellationToken cancellationToken)
    {
        var kv = Kv;
        var key = Key("regions/idle-000");
        await kv.PutAsync(new PutRequest { Key = key, Value = ByteString.CopyFromUtf8("Blue:0") });
        return await IdleRoundTrip.RunAsync(PeerCatalog.EtcdIdleRoundTrip, async () =>
        {
            var answer = await kv.RangeAsync(new RangeRequest { Key = key, Serializable = true });
            if (answer.Count != 1)
            {
                throw new InvalidOperationException($"etcd returned {answer.Count} keys for {key.ToStringUtf8()}");
            }
        }, "one serializable get over one gRPC channel", profile.PropagationFlips, cpu, cancellationToken);
    }

    private async Task<FigureResult> WatchAsync(Catalog.Entry entry, int watchers, int clients, CancellationToken cancellationToken)
    {
        var key = Key($"regions/watch-{clients:D3}");
        var kv = Kv;
        var revision = (await kv.PutAsync(new PutRequest { Key = key, Value = ByteString.CopyFromUtf8("0") })).Header.Revision;
        var channels = Enumerable.Range(0, clients).Select(_ => GrpcChannel.ForAddress(server.Endpoint)).ToList();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var seen = new long[watchers];
        var started = 0L;
        var expected = 0L;
        var remaining = 0;
        TaskCompletionSource? allSeen = null;
        var streams = new List<AsyncDuplexStreamingCall<WatchRequest, WatchResponse>>();
        var readers = new List<Task>();
        try
        {
            for (var w = 0; w < watchers; w++)
            {
                var index = w;
                var call = new Watch.WatchClient(channels[w % clients]).Watch(cancellationToken: stop.Token);
                streams.Add(call);
                await call.RequestStream.WriteAsync(new WatchRequest { CreateRequest = new WatchCreateRequest { Key = key, StartRevision = revision + 1 } });
                if (!await call.ResponseStream.MoveNext(stop.Token) || !call.ResponseStream.Current.Created)
                {
                    throw new InvalidOperationException($"watch {index} was not created");
                }

                readers.Add(Task.Run(async () =>
                {
                    try
                    {
                        while (await call.ResponseStream.MoveNext(stop.Token))
                        {
                            foreach (var e in call.ResponseStream.Current.Events)
                            {
                                var now = Stopwatch.GetTimestamp();
                                if (long.Parse(e.Kv.Value.ToStringUtf8(), System.Globalization.CultureInfo.InvariantCulture) == Interlocked.Read(ref expected))
                                {
                                    Interlocked.Exchange(ref seen[index], now - Interlocked.Read(ref started));
                                    if (Interlocked.Decrement(ref remaining) == 0)
                                    {
                                        Volatile.Read(ref allSeen)?.TrySetResult();
                                    }
                                }
                            }
                        }
                    }
                    catch (RpcException) when (stop.IsCancellationRequested)
                    {
                        // The figure is over.
                    }
                    catch (OperationCanceledException)
                    {
                        // The figure is over.
                    }
                }, CancellationToken.None));
            }

            // One put and the wait for every watch to see it, after the random pause.
            async Task PutAndWaitAsync(int round)
            {
                await Task.Delay(Random.Shared.Next(0, 100), cancellationToken);
                Array.Clear(seen);
                Volatile.Write(ref remaining, watchers);
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref allSeen, done);
                Interlocked.Exchange(ref expected, round);
                Interlocked.Exchange(ref started, Stopwatch.GetTimestamp());
                await kv.PutAsync(new PutRequest { Key = key, Value = ByteString.CopyFromUtf8(round.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
                try
                {
                    await done.Task.WaitAsync(RoundTimeout, cancellationToken);
                }
                catch (TimeoutException)
                {
                    // A measured round counts it at the round's timeout.
                }
            }

            var warmup = PropagationFigure.WarmupRounds(profile.PropagationFlips);
            for (var round = 1; round <= warmup; round++)
            {
                await PutAndWaitAsync(round);
            }

            var delays = new List<long>();
            var missed = 0;
            var cpuWindow = cpu.Start();
            for (var round = warmup + 1; round <= warmup + profile.PropagationFlips; round++)
            {
                await PutAndWaitAsync(round);
                foreach (var delay in seen)
                {
                    delays.Add(delay > 0 ? delay : (long)(RoundTimeout.TotalSeconds * Stopwatch.Frequency));
                    missed += delay > 0 ? 0 : 1;
                }
            }

            var use = cpuWindow.Stop();
            var latency = LatencySummary.FromTicks(delays);
            return FigureResult.Measured(entry.Id, entry.Title, latency.P99Ms, entry.Unit, entry.Target, latency,
                $"{profile.PropagationFlips} puts (after {warmup} unmeasured) x {watchers} watches over {clients} gRPC channel(s) (one watch stream each); per-watch delay {latency}; missed {missed} (counted at {RoundTimeout.TotalSeconds:0} s)",
                $"{use}",
                "from just before the put is sent to each watch's event for it, a random 0-100 ms pause before each put (as figure 4)");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers);
            foreach (var call in streams)
            {
                call.Dispose();
            }

            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    private async Task<FigureResult> LeaseAcquireAsync()
    {
        var lease = new Lease.LeaseClient(_channel);
        var kv = Kv;
        long next = 0;
        var load = await ClosedLoop.RunAsync(Catalog.FenceCallers, Shape.Warmup, Shape.Window, async _ =>
        {
            var n = Interlocked.Increment(ref next);
            var grant = await lease.LeaseGrantAsync(new LeaseGrantRequest { TTL = LeaseTtlSeconds });
            await kv.PutAsync(new PutRequest { Key = Key($"leases/writer-{n:D8}"), Value = ByteString.CopyFromUtf8("holder"), Lease = grant.ID });
        }, cpu, Shape.Rounds, settleLimit: Shape.SettleLimit);
        return Measured(PeerCatalog.EtcdLeaseAcquire, load.PerSecond, load,
            $"each acquire: LeaseGrant (TTL {LeaseTtlSeconds} s) then a put of a fresh holder key attached to it; {next:N0} leases in all");
    }

    private async Task<FigureResult> KeepAliveAsync(CancellationToken cancellationToken)
    {
        var lease = new Lease.LeaseClient(_channel);
        var ids = new long[Catalog.FenceCallers];
        var calls = new AsyncDuplexStreamingCall<LeaseKeepAliveRequest, LeaseKeepAliveResponse>[ids.Length];
        try
        {
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = (await lease.LeaseGrantAsync(new LeaseGrantRequest { TTL = LeaseTtlSeconds })).ID;
                calls[i] = lease.LeaseKeepAlive(cancellationToken: cancellationToken);
            }

            var load = await ClosedLoop.RunAsync(ids.Length, Shape.Warmup, Shape.Window, async i =>
            {
                await calls[i].RequestStream.WriteAsync(new LeaseKeepAliveRequest { ID = ids[i] });
                if (!await calls[i].ResponseStream.MoveNext(cancellationToken) || calls[i].ResponseStream.Current.TTL <= 0)
                {
                    throw new InvalidOperationException($"lease {ids[i]} was not renewed");
                }
            }, cpu, Shape.Rounds, settleLimit: Shape.SettleLimit);
            return Measured(PeerCatalog.EtcdKeepAlive, load.PerSecond, load,
                $"{ids.Length} leases, each renewed in a closed loop on its own keep-alive stream (one request, then its answer); the member renews in memory, not through the log");
        }
        finally
        {
            foreach (var call in calls.Where(c => c is not null))
            {
                await call.RequestStream.CompleteAsync();
                call.Dispose();
            }
        }
    }

    private async Task<FigureResult> FenceCheckAsync()
    {
        var kv = Kv;
        var fence = Key("fences/check-000");
        await kv.PutAsync(new PutRequest { Key = fence, Value = ByteString.CopyFromUtf8("7") });
        var load = await ClosedLoop.RunAsync(Catalog.FenceCallers, Shape.Warmup, Shape.Window, async _ =>
        {
            var txn = new TxnRequest();
            txn.Compare.Add(new Compare { Key = fence, Target = Compare.Types.CompareTarget.Value, Result = Compare.Types.CompareResult.Equal, Value = ByteString.CopyFromUtf8("7") });
            if (!(await kv.TxnAsync(txn)).Succeeded)
            {
                throw new InvalidOperationException("the fencing key's compare failed for the current token");
            }
        }, cpu, Shape.Rounds, settleLimit: Shape.SettleLimit);
        return Measured(PeerCatalog.EtcdFenceCheck, load.PerSecond, load,
            "txn comparing the fencing key's value with the writer's token and nothing else (read-only txn: linearizable, no log entry); the product's guard answers from its 1 s cache");
    }

    private async Task<FigureResult> CommitAsync()
    {
        var kv = Kv;
        var fence = Key("fences/commit-000");
        await kv.PutAsync(new PutRequest { Key = fence, Value = ByteString.CopyFromUtf8("7") });
        long sequence = 0;
        var load = await ClosedLoop.RunAsync(Catalog.FenceCallers, Shape.Warmup, Shape.Window, async _ =>
        {
            var n = Interlocked.Increment(ref sequence);
            var idempotency = Key($"consumers/orders/keys/{n:D10}");
            var txn = new TxnRequest();
            txn.Compare.Add(new Compare { Key = fence, Target = Compare.Types.CompareTarget.Value, Result = Compare.Types.CompareResult.Equal, Value = ByteString.CopyFromUtf8("7") });
            txn.Compare.Add(new Compare { Key = idempotency, Target = Compare.Types.CompareTarget.Create, Result = Compare.Types.CompareResult.Equal, CreateRevision = 0 });
            txn.Success.Add(new RequestOp { RequestPut = new PutRequest { Key = idempotency, Value = ByteString.CopyFromUtf8("accepted") } });
            txn.Success.Add(new RequestOp { RequestPut = new PutRequest { Key = Key($"consumers/orders/offsets/{n % Catalog.CommitPartitions:D2}"), Value = ByteString.CopyFromUtf8(n.ToString(System.Globalization.CultureInfo.InvariantCulture)) } });
            if (!(await kv.TxnAsync(txn)).Succeeded)
            {
                throw new InvalidOperationException($"fenced commit {n} was refused");
            }
        }, cpu, Shape.Rounds, settleLimit: Shape.SettleLimit);
        return Measured(PeerCatalog.EtcdCommit, load.PerSecond, load,
            $"txn: compare the fencing key's value and that the idempotency key does not exist, then put the key and the partition's offset ({Catalog.CommitPartitions} partitions); {sequence:N0} commits, every one accepted");
    }

    private static ByteString Key(string name) => ByteString.CopyFromUtf8($"coordinator-bench/{name}");

    private static FigureResult Measured(Catalog.Entry entry, double value, LoadResult load, string shape) =>
        FigureResult.Measured(entry.Id, entry.Title, value, entry.Unit, entry.Target, load.Latency,
            $"{load.Describe()}; call latency {load.Latency}", $"{load.Cpu}", shape);

    private async Task<FigureResult> Guard(Catalog.Entry entry, Func<Task<FigureResult>> measure)
    {
        try
        {
            return await measure();
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !_cancellation.IsCancellationRequested)
        {
            say($"  failed: {ex}");
            return FigureResult.Failed(entry.Id, entry.Title, entry.Unit, entry.Target, ex);
        }
    }

    public void Dispose() => _channel.Dispose();
}
