namespace Coordinator.IntegrationTests.Processes;

/// <summary>
/// <c>FreePorts</c> hands out ports that are free when asked, but another process may bind one before
/// the silo does; the silo then aborts (exit 134) saying "address already in use". A first start may
/// take fresh ports and try again, a bounded number of times. A restart of a killed silo never does:
/// it comes back on the ports the cluster and the run know it by.
/// </summary>
/// <param name="MaxAttempts">Starts of one silo in all, the first included.</param>
public sealed record SiloStartRetry(int MaxAttempts)
{
    public static SiloStartRetry Default { get; } = new(3);

    /// <summary>Whether a silo's output says a port it was given was already taken.</summary>
    public static bool IsPortClash(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
            || output.Contains("AddressInUseException", StringComparison.Ordinal);
    }

    /// <param name="attempt">The attempt that failed, from 1.</param>
    /// <param name="firstStart">False for a restart on the ports a killed silo had.</param>
    /// <param name="exitedOutput">Everything the process printed once it has exited; null while it runs.</param>
    public bool RetriesOnFreshPorts(int attempt, bool firstStart, string? exitedOutput) =>
        firstStart && attempt < MaxAttempts && exitedOutput is not null && IsPortClash(exitedOutput);

    /// <summary>
    /// Starts a silo for the first time and waits until it is ready; if it exits early because a port
    /// was taken, hands it to <paramref name="retire"/> and starts it again on fresh ports.
    /// </summary>
    /// <param name="start">Starts the silo's process on the ports given, on the attempt given (from 1).</param>
    public async Task<TSilo> StartAsync<TSilo>(
        SiloPorts first,
        Func<SiloPorts, int, TSilo> start,
        Func<TSilo, ChildProcess> processOf,
        Func<TSilo, Task> untilReady,
        Action<TSilo, string> retire)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(processOf);
        ArgumentNullException.ThrowIfNull(untilReady);
        ArgumentNullException.ThrowIfNull(retire);
        var ports = first;
        for (var attempt = 1; ; attempt++)
        {
            var silo = start(ports, attempt);
            Exception failure;
            try
            {
                await untilReady(silo);
                return silo;
            }
            catch (Exception ex)
            {
                failure = ex;
            }

            var process = processOf(silo);
            if (!RetriesOnFreshPorts(attempt, firstStart: true, await ExitedOutputAsync(process)))
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            retire(silo, $"{process.Name} exited with {process.ExitCode}: a port of silo {ports.Silo}, gateway {ports.Gateway}, http {ports.Http} "
                + $"was taken before it bound it; starting it again on fresh ports (attempt {attempt + 1} of {MaxAttempts})");
            ports = SiloPorts.Fresh();
        }
    }

    private static async Task<string?> ExitedOutputAsync(ChildProcess process)
    {
        if (!process.HasExited)
        {
            return null;
        }

        try
        {
            // Its last lines may still be on their way through the pipes.
            await process.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // Judge what arrived.
        }

        return process.Output;
    }
}
