using System.Collections.Concurrent;
using Coordinator.Client;
using Coordinator.Client.Fences;
using Coordinator.Client.Telemetry;
using Coordinator.Fences;

namespace Coordinator.Fleet;

/// <summary>
/// A SIMULATED fleet of one service, run in this process on the real SDK: per region a few request
/// loops (resolver + telemetry; or real HTTP traffic, <see cref="FleetOptions.Traffic"/>), a fenced background writer, a Blue and a Green queue consumer on the
/// region's consumer pointer, and (unless <see cref="FleetOptions.SimulatedEvaluator"/> is off) one evaluator answering the campaign's Warm Green steps. Only the
/// traffic and the quality numbers are made up; every call goes to the real coordinator.
/// </summary>
public sealed class FleetSimulation : IAsyncDisposable
{
    private static readonly TimeSpan ArmsPoll = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private readonly ActiveArmResolver _resolver;
    private readonly TelemetryReporter _reporter;
    private readonly LeaseSinkGuard _sink;
    private bool _stopped;

    private FleetSimulation(IClusterClient client, FleetOptions options)
    {
        Options = options;
        _resolver = new ActiveArmResolver(client, new ActiveArmResolverOptions { RefreshInterval = TimeSpan.FromSeconds(5) });

        // Flushed often so a hold of a few seconds sees enough Green requests to be judged.
        _reporter = new TelemetryReporter(client, new TelemetryReporterOptions { FlushInterval = TimeSpan.FromMilliseconds(250) });

        // No cache: the sink asks the lease on every write, so "accepted while frozen" is an exact count.
        _sink = new LeaseSinkGuard(client, cacheFor: TimeSpan.Zero);
        Regions = options.Regions.ToDictionary(r => r, r => new RegionCounters(r), StringComparer.Ordinal);
    }

    public FleetOptions Options { get; }

    public IReadOnlyDictionary<string, RegionCounters> Regions { get; }

    /// <summary>
    /// Waits until every region has both arms registered, configures each region's consumer pointer
    /// if nobody has, and starts the fleet.
    /// </summary>
    /// <exception cref="ArmsNotRegisteredException">A region's arms were not registered within <see cref="FleetOptions.ArmsDeadline"/>.</exception>
    public static async Task<FleetSimulation> StartAsync(IClusterClient client, FleetOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var fleet = new FleetSimulation(client, options);
        try
        {
            var views = new Dictionary<string, ActiveArmView>(StringComparer.Ordinal);
            foreach (var region in options.Regions)
            {
                views[region] = await fleet.WaitForArmsAsync(client, region, time, cancellationToken);
                await ConfigureConsumersAsync(client, options, region, views[region]);
            }

            fleet.Launch(client, views, time);
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops every loop, releases the leases and sends the last telemetry.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stop.CancelAsync();
        await Task.WhenAll(_tasks);
        await _reporter.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _sink.DisposeAsync();
        await _resolver.DisposeAsync();
        _stop.Dispose();
    }

    private async Task<ActiveArmView> WaitForArmsAsync(IClusterClient client, string region, TimeProvider time, CancellationToken cancellationToken)
    {
        // Asks the pointer itself: the resolver caches per epoch, so it would not see a Green registered later.
        var pointer = client.GetGrain<ISwitchoverGrain>(RegionKey.Format(Options.Service, region));
        var deadline = time.GetUtcNow() + Options.ArmsDeadline;
        while (true)
        {
            var view = await pointer.GetActiveArmAsync();
            if (view.Blue is not null && view.Green is not null)
            {
                // Loads the resolver (and its flip subscription) before the first request needs it.
                await _resolver.GetAsync(Options.Service, region);
                return view;
            }

            if (time.GetUtcNow() > deadline)
            {
                var missing = view.Blue is null ? (view.Green is null ? "Blue and Green are" : "Blue is") : "Green is";
                throw new ArmsNotRegisteredException(
                    new FieldError("--regions", $"{Options.Service}/{region}: {missing} not registered (waited {Options.ArmsDeadline.TotalSeconds:0} s); register both arms first"));
            }

            await Task.Delay(ArmsPoll, time, cancellationToken);
        }
    }

    /// <summary>A pointer nobody configured yet is set up for Blue's CONSUMER_VER; a configured one is left alone.</summary>
    private static async Task ConfigureConsumersAsync(IClusterClient client, FleetOptions options, string region, ActiveArmView view)
    {
        var pointer = client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(options.Service, region, options.ConsumerGroup));
        if ((await pointer.GetStatusAsync()).ActiveConsumerVer is null)
        {
            await pointer.ConfigureAsync(view.Blue!.ConsumerVer, options.Partitions, FleetOptions.OperatorName);
        }
    }

    private void Launch(IClusterClient client, IReadOnlyDictionary<string, ActiveArmView> views, TimeProvider time)
    {
        var token = _stop.Token;
        var greens = new Dictionary<string, SimulatedArm>(StringComparer.Ordinal);
        foreach (var (region, counters) in Regions)
        {
            // With real traffic the injections degrade the real Green; the simulated smoke report is of an undegraded one.
            var green = new SimulatedArm(Arm.Green, Options.Traffic is null ? Options.InjectionsFor(region) : []);
            greens[region] = green;
            if (Options.Traffic is null)
            {
                var arms = new Dictionary<Arm, SimulatedArm> { [Arm.Blue] = new SimulatedArm(Arm.Blue), [Arm.Green] = green };
                for (var i = 0; i < Options.LoopsPerRegion; i++)
                {
                    var loop = new RequestLoop(_resolver, _reporter, Options.Service, counters, arms, Options.RequestInterval,
                        GoldSet.StableSeed(Options.Service, region, "requests", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    _tasks.Add(Task.Run(() => loop.RunAsync(token), CancellationToken.None));
                }
            }

            var writer = new SimulatedWriter(client, _sink, Options.Service, Options.Writer, counters, Options.WriteInterval, time);
            _tasks.Add(Task.Run(() => writer.RunAsync(token), CancellationToken.None));

            // One instance per arm's CONSUMER_VER: the pointer decides which of them may consume.
            var committed = new ConcurrentDictionary<int, long>();
            var view = views[region];
            foreach (var manifest in new[] { view.Blue!, view.Green! }.DistinctBy(m => m.ConsumerVer))
            {
                var consumer = new SimulatedConsumer(client, Options.Service, Options.ConsumerGroup, manifest.ConsumerVer, manifest.IndexHash,
                    counters, committed, Options.ConsumerHeartbeat);
                _tasks.Add(Task.Run(() => consumer.RunAsync(token), CancellationToken.None));
            }
        }

        if (Options.Traffic is { } traffic)
        {
            _tasks.AddRange(traffic.Start(new FleetTrafficContext(Options.Service, Regions, _resolver, _reporter, time), token));
        }

        if (Options.SimulatedEvaluator)
        {
            var evaluator = new Evaluator(client, Options.Service, Options.CampaignId, Regions, greens, Options.EvaluatorPoll, time);
            _tasks.Add(Task.Run(() => evaluator.RunAsync(token), CancellationToken.None));
        }
    }
}
