using Microsoft.Extensions.Logging;

namespace Coordinator.Grains;

/// <summary>
/// Keeps an activation's reads following its state in storage when another activation writes it.
/// Orleans can run two activations of one grain for a while after silos die together; the one that
/// did not write keeps answering reads from what it loaded (its writes fail the ETag check and re-read,
/// its reads do not). So the pointer, lease and consumer-pointer grains re-read their stored state
/// every <see cref="Period"/>, serialised with their writes (never between a decision and its write).
/// </summary>
internal static partial class StoredStateRecheck
{
    /// <summary>How long a duplicate activation's reads may lag behind what another activation wrote.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    /// <summary>Starts the activation's re-read timer.</summary>
    /// <param name="grain">The activation.</param>
    /// <param name="reread">
    /// Reads the stored state and adopts it, serialised with the grain's writes; true when storage had
    /// moved past what the activation held (someone else wrote).
    /// </param>
    /// <param name="describe">What the activation holds, for the log line when it catches up (e.g. "epoch 3").</param>
    /// <param name="logger">The grain's logger.</param>
    /// <param name="what">The grain's key, for the log.</param>
    public static IGrainTimer Start(IGrainBase grain, Func<Task<bool>> reread, Func<string> describe, ILogger logger, string what) =>
        grain.RegisterGrainTimer(
            _ => RecheckAsync(reread, describe, logger, what),
            // Not interleaved: in a non-reentrant grain the re-read never lands between a command's
            // decision and its write (a reentrant grain's writer serialises it itself).
            new GrainTimerCreationOptions(Period, Period) { Interleave = false });

    private static async Task RecheckAsync(Func<Task<bool>> reread, Func<string> describe, ILogger logger, string what)
    {
        var held = describe();
        try
        {
            if (await reread())
            {
                LogCaughtUp(logger, what, held, describe());
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage did not answer: keep serving what it last confirmed; the next tick asks again.
            LogRecheckFailed(logger, ex, what);
        }
    }

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning, Message = "{Grain}: another activation wrote; this one held {Held} and now reads {Stored} from storage")]
    private static partial void LogCaughtUp(ILogger logger, string grain, string held, string stored);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Debug, Message = "{Grain}: re-reading the stored state failed; serving what storage last confirmed")]
    private static partial void LogRecheckFailed(ILogger logger, Exception exception, string grain);
}
