using Coordinator.Benchmarks;
using Coordinator.Benchmarks.Cluster;

if (args is [SiloChild.Verb])
{
    return await SiloChild.RunAsync();
}

var options = BenchOptions.Parse(args, out var errors);
if (errors.Count > 0)
{
    foreach (var error in errors)
    {
        await Console.Error.WriteLineAsync(error);
    }

    return 2;
}

if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
try
{
    return await new BenchRun(options, Console.Error).RunAsync(cancel.Token);
}
catch (Exception) when (cancel.IsCancellationRequested)
{
    // Ctrl-C: whatever was in flight failed as it was cancelled (a gRPC stream says so with its own
    // exception); the silos and etcd this run started were stopped as the figures unwound.
    await Console.Error.WriteLineAsync("interrupted: no report");
    return 130;
}
