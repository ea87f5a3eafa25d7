using System.Collections.Concurrent;
using Coordinator.Client;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace Coordinator.Edge.Routing;

/// <summary>
/// YARP's config, driven by the pointer: one route and one cluster per service whose single
/// destination is the active arm's endpoint in the edge's region. A flip the resolver announces
/// publishes a new config (the next request goes to the new arm; requests in flight finish on theirs).
/// Per service it never publishes an epoch lower than one it has published.
/// </summary>
internal sealed partial class ArmProxyConfigProvider : IProxyConfigProvider, IDisposable
{
    // Routes of recent configs, by cluster id: a request matched just before a flip still finds its own.
    private const int KeptPerService = 16;

    private readonly EdgeOptions _options;
    private readonly ActiveArmResolver _resolver;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ArmRoute> _current = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ArmRoute> _byCluster = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<string>> _kept = new(StringComparer.Ordinal);
    private EdgeProxyConfig _config;

    public ArmProxyConfigProvider(EdgeOptions options, ActiveArmResolver resolver, ILogger<ArmProxyConfigProvider> logger)
    {
        _options = options;
        _resolver = resolver;
        _logger = logger;
        foreach (var service in options.Services)
        {
            Remember(ArmRoute.Unregistered(service, options.Region, "not read yet"));
        }

        _config = ProxyConfigBuilder.Build(_current.Values, options);
        // Before the first reads, so a flip between a read and the subscription is not lost.
        _resolver.Changed += OnChanged;
    }

    /// <summary>Config publications since start (the first read of each service counts when it changes the route).</summary>
    public long Publications => Interlocked.Read(ref _publications);

    private long _publications;

    public IProxyConfig GetConfig() => Volatile.Read(ref _config);

    /// <summary>Reads every service's active arm once, so the edge's first request already goes to it.</summary>
    /// <exception cref="Exception">The cluster could not be read (anything but an arm without a manifest).</exception>
    public Task LoadAsync() => LoadAsync(_options.Services);

    /// <summary>
    /// Re-reads the services whose active arm had no manifest: registering a manifest is not a flip, so
    /// the resolver hears of it only at its periodic re-read.
    /// </summary>
    public Task LoadUnregisteredAsync()
    {
        List<EdgeService> waiting;
        lock (_gate)
        {
            waiting = [.. _options.Services.Where(s => _current[s.Service].Active is null)];
        }

        return waiting.Count == 0 ? Task.CompletedTask : LoadAsync(waiting);
    }

    private async Task LoadAsync(IEnumerable<EdgeService> services)
    {
        foreach (var service in services)
        {
            try
            {
                Advance(await _resolver.GetAsync(service.Service, _options.Region));
            }
            catch (ArmNotRegisteredException ex)
            {
                // Answered 503 until a manifest arrives; the resolver announces it through Changed.
                lock (_gate)
                {
                    if (_current[service.Service] is { Active: null } waiting && waiting.Missing != ArmRoute.Unregistered(service, _options.Region, ex.Message).Missing)
                    {
                        Remember(ArmRoute.Unregistered(service, _options.Region, ex.Message));
                        PublishLocked();
                    }
                }
            }
        }
    }

    /// <summary>The route a request was matched with, by its cluster id.</summary>
    public bool TryGetRoute(string clusterId, out ArmRoute route) => _byCluster.TryGetValue(clusterId, out route!);

    /// <summary>The routes of the config YARP loads now, one per service.</summary>
    public IReadOnlyList<ArmRoute> Current()
    {
        lock (_gate)
        {
            return [.. _current.Values];
        }
    }

    public void Dispose() => _resolver.Changed -= OnChanged;

    private void OnChanged(ActiveArm arm)
    {
        if (arm.Region == _options.Region && _options.Services.Any(s => s.Service == arm.Service))
        {
            Advance(arm);
        }
    }

    private void Advance(ActiveArm arm)
    {
        lock (_gate)
        {
            var current = _current[arm.Service];
            // Changed can be raised on two threads out of order; the later epoch is the one that stays.
            if (current.Active is not null && arm.Epoch <= current.Epoch)
            {
                return;
            }

            var service = _options.Services.First(s => s.Service == arm.Service);
            var route = ArmRoute.For(service, _options.Region, arm);
            Remember(route);
            PublishLocked();
            if (route.Missing is { } missing)
            {
                LogNoEndpoint(_logger, arm.Service, _options.Region, arm.Arm.ToWire(), arm.Epoch, missing);
            }
            else
            {
                LogRouted(_logger, arm.Service, _options.Region, arm.Arm.ToWire(), arm.Epoch, route.Endpoint!.Url);
            }
        }
    }

    private void Remember(ArmRoute route)
    {
        var name = route.Service.Service;
        _current[name] = route;
        _byCluster[route.ClusterId] = route;
        if (!_kept.TryGetValue(name, out var kept))
        {
            _kept[name] = kept = new Queue<string>();
        }

        kept.Enqueue(route.ClusterId);
        while (kept.Count > KeptPerService)
        {
            var old = kept.Dequeue();
            if (!kept.Contains(old))
            {
                _byCluster.TryRemove(old, out _);
            }
        }
    }

    private void PublishLocked()
    {
        var previous = _config;
        Volatile.Write(ref _config, ProxyConfigBuilder.Build(_current.Values, _options));
        Interlocked.Increment(ref _publications);
        previous.Supersede();
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "{Service}/{Region}: routing to {Arm} at epoch {Epoch} ({Url})")]
    private static partial void LogRouted(ILogger logger, string service, string region, string arm, long epoch, string url);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "{Service}/{Region}: {Arm} at epoch {Epoch} cannot be routed, requests are answered 503: {Missing}")]
    private static partial void LogNoEndpoint(ILogger logger, string service, string region, string arm, long epoch, string missing);
}
