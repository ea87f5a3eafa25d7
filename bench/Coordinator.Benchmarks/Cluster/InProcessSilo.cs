using System.Diagnostics;
using Coordinator.Grains;
using Coordinator.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Core.Internal;
using Orleans.Runtime;
using Orleans.Storage;

namespace Coordinator.Benchmarks.Cluster;

/// <summary>
/// A silo hosted in this process, configured like the real one, for figures that must reach its grain
/// storage directly: to seed state far faster than commands could build it, and to count the storage
/// reads a grain makes (<see cref="Reads"/>).
/// </summary>
internal sealed class InProcessSilo : IAsyncDisposable
{
    private static readonly TimeSpan DeactivationDeadline = TimeSpan.FromSeconds(60);

    private readonly IHost _host;

    private InProcessSilo(IHost host, CountingGrainStorage.Counts reads)
    {
        _host = host;
        Reads = reads;
    }

    /// <summary>Reads of the coordinator storage so far, by state name.</summary>
    public CountingGrainStorage.Counts Reads { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The coordinator grain storage, uncounted: seeding is not what a figure measures.</summary>
    public required IGrainStorage Storage { get; init; }

    /// <param name="responseTimeout">How long calls from this process wait for an answer (Orleans' default: 30 s).</param>
    public static async Task<InProcessSilo> StartAsync(SiloSpec spec, TimeSpan? responseTimeout, CancellationToken cancellationToken)
    {
        var options = new CoordinatorSiloOptions
        {
            StorageMode = spec.StorageMode,
            ClusterId = spec.ClusterId,
            ServiceId = spec.ServiceId,
            SiloPort = spec.SiloPort,
            GatewayPort = spec.GatewayPort,
            HttpPort = spec.HttpPort,
            AdvertisedIPAddress = "127.0.0.1",
            AzureStorageConnectionString = spec.AzureStorageConnectionString,
            AuditKey = spec.AuditKey,
        };
        if (CoordinatorSiloOptionsValidator.Collect(options) is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("in-process silo settings: " + string.Join("; ", problems));
        }

        var reads = new CountingGrainStorage.Counts();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans.Hosting.ReminderOptionsValidator", LogLevel.Error)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.UseOrleans(silo =>
        {
            silo.AddCoordinatorSilo(options);
            if (responseTimeout is { } timeout)
            {
                silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = timeout);
            }

            var services = silo.Services;
            var original = services.Single(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, StorageNames.Coordinator));
            var create = original.KeyedImplementationFactory
                ?? throw new InvalidOperationException($"the '{StorageNames.Coordinator}' grain storage is expected to be registered by a factory");
            services.Remove(original);
            services.AddKeyedSingleton<IGrainStorage>(StorageNames.Coordinator, (sp, key) => new CountingGrainStorage((IGrainStorage)create(sp, key), reads));
        });

        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new InProcessSilo(host, reads)
        {
            Storage = ((CountingGrainStorage)host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Coordinator)).Inner,
        };
    }

    /// <summary>Deactivates <paramref name="grains"/> and waits until the silo lists none of them among its activations.</summary>
    public async Task DeactivateAsync(IReadOnlyCollection<IAddressable> grains, CancellationToken cancellationToken)
    {
        var ids = grains.Select(g => g.GetGrainId()).ToHashSet();
        await Task.WhenAll(grains.Select(g => g.Cast<IGrainManagementExtension>().DeactivateOnIdle().AsTask()));
        var management = Grains.GetGrain<IManagementGrain>(0);
        var deadline = Stopwatch.StartNew();
        while ((await management.GetDetailedGrainStatistics()).Any(s => ids.Contains(s.GrainId)))
        {
            if (deadline.Elapsed > DeactivationDeadline)
            {
                throw new TimeoutException($"{ids.Count} grain(s) were still active {DeactivationDeadline.TotalSeconds:0} s after DeactivateOnIdle");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _host.StopAsync(stop.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}

/// <summary>Counts reads of the grain storage it wraps, by state name; starts with the silo as the wrapped one does.</summary>
internal sealed class CountingGrainStorage(IGrainStorage inner, CountingGrainStorage.Counts counts) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public IGrainStorage Inner => inner;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        counts.Add(stateName);
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    public sealed class Counts
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _reads = new(StringComparer.Ordinal);

        public long Of(string stateName) => _reads.GetValueOrDefault(stateName);

        public void Add(string stateName) => _reads.AddOrUpdate(stateName, 1, (_, n) => n + 1);
    }
}
