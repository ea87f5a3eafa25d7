using System.Net;
using Coordinator.Api;
using Coordinator.Dashboard;
using Coordinator.Benchmarks.Measure;
using Coordinator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Coordinator.Benchmarks.Cluster;

/// <summary>
/// This executable started as a silo (by <see cref="SiloProcess"/>): configured from the
/// "Coordinator" section like the real silo host, with the real host's log levels. It runs until its
/// parent closes stdin (or dies), so a crashed benchmark never leaves a silo behind.
/// </summary>
internal static class SiloChild
{
    public const string Verb = "silo-child";
    public const string ReadyLine = "coordinator-bench: silo ready";

    /// <summary>Followed by the silo's <see cref="RuntimeTotals"/>, a few times a second.</summary>
    public const string RuntimeLinePrefix = "coordinator-bench: runtime ";

    private static readonly TimeSpan RuntimeReportPeriod = TimeSpan.FromMilliseconds(250);

    /// <summary>Set only by the --stream-poll-ms experiment.</summary>
    public const string StreamPollVariable = "COORDINATOR_BENCH_STREAM_POLL_MS";

    public static async Task<int> RunAsync()
    {
        // A web host like the real silo's, so the HTTP API figures measure what a silo serves.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Azure", LogLevel.Warning);
        try
        {
            var options = builder.AddCoordinatorSilo();
            builder.Services.AddCoordinatorApi(builder.Configuration);
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(options.AdvertisedIPAddress), options.HttpPort));
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("silo-child: invalid configuration: " + string.Join("; ", ex.Failures));
            return 2;
        }

        if (int.TryParse(Environment.GetEnvironmentVariable(StreamPollVariable), out var pollMs))
        {
            // Registered after the provider's own settings, so this wins.
            builder.Services.Configure<StreamPullingAgentOptions>(
                FlipStream.NoticeProviderName, o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(pollMs));
        }

        await using var host = builder.Build();
        host.MapCoordinatorHealth();
        host.MapCoordinatorApi();
        host.MapCoordinatorDashboard();
        await host.StartAsync();
        await Console.Out.WriteLineAsync(ReadyLine);
        await Console.Out.FlushAsync();

        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        using var stopReports = new CancellationTokenSource();
        var reports = ReportRuntimeAsync(stopReports.Token);
        var parentGone = Task.Run(() => Console.In.ReadToEnd());
        var stopping = Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping);
        await Task.WhenAny(parentGone, stopping);
        await stopReports.CancelAsync();
        await reports;
        await host.StopAsync(TimeSpan.FromSeconds(10));
        return 0;
    }

    /// <summary>
    /// Lets the parent see when tiered JIT has stopped promoting the silo's hot code (see ClosedLoop's
    /// warm-up) and how long the silo was paused for GC during a figure.
    /// </summary>
    private static async Task ReportRuntimeAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RuntimeReportPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await Console.Out.WriteLineAsync(RuntimeLinePrefix + RuntimeTotals.Current.ToWire());
                await Console.Out.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
