using Coordinator.Console.App;

// First Ctrl+C: cancel the command so it disconnects cleanly (exit 130). A second one ends the process.
using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!interrupted.IsCancellationRequested)
    {
        e.Cancel = true;
        interrupted.Cancel();
    }
};

return await CoordinatorConsole.RunAsync(args, cancellationToken: interrupted.Token);
