using Microsoft.Extensions.Logging;

namespace Coordinator.Client;

/// <summary>
/// Re-sends a call to a coordinator grain that Orleans rejected before it ran: the usual case is a
/// silo SIGKILLed moments ago, still listed as a member, to which a gateway (or this client) could not
/// connect. Until the survivors vote it dead such calls are refused at once; a few retries over
/// <see cref="CoordinatorClientOptions.FailoverRetrySeconds"/> let the grain reactivate on a survivor.
/// </summary>
/// <remarks>
/// Only rejections are retried: a rejected message never reached a grain, so re-sending cannot apply a
/// command twice. <see cref="SiloUnavailableException"/> (a silo died while the call was pending, so it
/// may have run) and errors from the grain itself are passed on untouched.
/// </remarks>
internal sealed partial class FailoverRetryFilter(
    CoordinatorClientOptions options,
    TimeProvider time,
    ILogger<FailoverRetryFilter> logger) : IOutgoingGrainCallFilter
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);
    private static readonly System.Reflection.Assembly Contracts = typeof(ISwitchoverGrain).Assembly;

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        // System targets (the manifest, membership) have their own retries and fixed targets.
        if (options.FailoverRetrySeconds == 0 || context.InterfaceMethod?.DeclaringType?.Assembly != Contracts)
        {
            await context.Invoke();
            return;
        }

        var budget = TimeSpan.FromSeconds(options.FailoverRetrySeconds);
        var started = time.GetTimestamp();
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (OrleansMessageRejectionException ex) when (ex is not SiloUnavailableException && time.GetElapsedTime(started) + delay < budget)
            {
                LogRetrying(logger, context.InterfaceName, context.MethodName, attempt, delay.TotalMilliseconds, ex.Message);
            }

            await Task.Delay(delay, time);
            delay = delay * 2 < MaxDelay ? delay * 2 : MaxDelay;
        }
    }

    [LoggerMessage(EventId = 2401, Level = LogLevel.Debug, Message = "{Interface}.{Method} was rejected (attempt {Attempt}), retrying in {DelayMs} ms: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string @interface, string method, int attempt, double delayMs, string reason);
}
