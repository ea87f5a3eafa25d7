using System.Runtime.InteropServices;
using Coordinator.Client;
using Coordinator.Client.Connection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coordinator.Edge.Hosting;

/// <summary>The edge as a process: parse, connect, serve until SIGINT/SIGTERM. Exit codes as the console's (EXIT_CODES.md).</summary>
public static class EdgeProgram
{
    /// <summary>Served until stopped.</summary>
    public const int Ok = 0;
    /// <summary>Invalid settings: every problem was printed.</summary>
    public const int InvalidInput = 2;
    /// <summary>No gateway answered.</summary>
    public const int Unreachable = 4;

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs the edge process; returns its exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        if (EdgeArguments.WantsHelp(args))
        {
            Console.Out.WriteLine(EdgeArguments.Usage);
            return Ok;
        }

        var (launch, errors) = EdgeArguments.Prepare(args, environment);
        if (launch is null)
        {
            Console.Error.WriteLine("error: invalid edge settings");
            foreach (var error in errors)
            {
                Console.Error.WriteLine($"  {error.Field}: {error.Reason}");
            }

            Console.Error.WriteLine(EdgeArguments.Usage);
            return InvalidInput;
        }

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        using var clientHost = BuildClient(launch.Connection);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            timeout.CancelAfter(ConnectTimeout);
            await clientHost.StartAsync(timeout.Token);
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            Console.Error.WriteLine($"error: cannot reach the cluster ({ConnectionResolver.Describe(launch.Connection)}): {ex.Message}");
            return Unreachable;
        }

        try
        {
            await using var edge = await EdgeHost.StartAsync(clientHost.Services.GetRequiredService<IClusterClient>(), launch.Options, cancellationToken: stop.Token);
            Console.Out.WriteLine($"edge for {string.Join(", ", launch.Options.Services.Select(s => s.Service))} in {launch.Options.Region} listening on {edge.BaseAddress}");
            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        finally
        {
            await clientHost.StopAsync(CancellationToken.None);
        }

        return Ok;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static IHost BuildClient(CoordinatorClientOptions options)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        // An unreachable cluster is reported once, as exit 4; not also as a stack trace per attempt.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Logging.AddFilter("Orleans.Runtime.Messaging", LogLevel.Error);
        builder.Logging.AddFilter("Orleans.Messaging", LogLevel.Error);
        builder.UseOrleansClient(client => client.UseCoordinatorCluster(options));
        return builder.Build();
    }
}
