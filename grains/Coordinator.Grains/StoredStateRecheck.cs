using Coordinator.Domain;
using Microsoft.Extensions.Logging;

namespace Coordinator.Grains;

/// <summary>
/// Keeps an activation's reads following its state in storage when another activation writes it.
/// Orleans can run two activations of one grain for a while after silos die together; the one that
/// did not write keeps answering reads from what it loaded (its writes fail the ETag check and re-read,
/// its reads do not). So the pointer, lease and consumer-pointer grains re-read their stored state:
/// on a timer every <see cref="Period"/> while they are being called, and before answering a call that
/// finds the state older than two periods (<see cref="StoredStateFreshness"/>). An activation nobody
/// calls reads nothing.
/// </summary>
internal sealed partial class StoredStateRecheck
{
    /// <summary>How often a called activation re-reads; its answers lag at most twice this behind another activation's writes.</summary>
    public static readonly TimeSpan Period = StoredStateFreshness.GrainPeriod;

    private readonly StoredStateFreshness _freshness;
    private readonly TimeProvider _time;
    private readonly Func<Task<bool>> _reread;
    private readonly Func<string> _describe;
    private readonly ILogger _logger;
    private readonly string _what;
    private readonly Type _callers;

    private StoredStateRecheck(Type callers, TimeProvider time, Func<Task<bool>> reread, Func<string> describe, ILogger logger, string what)
    {
        _freshness = new StoredStateFreshness(Period, time.GetUtcNow());
        _time = time;
        _reread = reread;
        _describe = describe;
        _logger = logger;
        _what = what;
        _callers = callers;
    }

    /// <summary>Starts the activation's re-reads; the grain passes each incoming call through <see cref="AroundCallAsync"/>.</summary>
    /// <typeparam name="TCallers">
    /// The grain interface its callers use. Only its calls count: the grain's own timers and reminders reach it
    /// as calls too, and must not keep an activation nobody calls re-reading.
    /// </typeparam>
    /// <param name="grain">The activation, whose state was just read.</param>
    /// <param name="time">The silo's clock.</param>
    /// <param name="reread">
    /// Reads the stored state and adopts it, serialised with the grain's writes; true when storage had
    /// moved past what the activation held (someone else wrote). Calls made while one runs share it.
    /// </param>
    /// <param name="describe">What the activation holds, for the log line when it catches up (e.g. "epoch 3").</param>
    /// <param name="logger">The grain's logger.</param>
    /// <param name="what">The grain's key, for the log.</param>
    public static StoredStateRecheck Start<TCallers>(IGrainBase grain, TimeProvider time, Func<Task<bool>> reread, Func<string> describe, ILogger logger, string what)
        where TCallers : IGrain
    {
        var recheck = new StoredStateRecheck(typeof(TCallers), time, reread, describe, logger, what);
        grain.RegisterGrainTimer(
            _ => recheck.TickAsync(),
            // Not interleaved: in a non-reentrant grain the re-read never lands between a command's
            // decision and its write (a reentrant grain's writer serialises it itself).
            new GrainTimerCreationOptions(Period, Period) { Interleave = false });
        return recheck;
    }

    /// <summary>
    /// Runs an incoming call, after a re-read when the activation was idle. A re-read that storage does not
    /// answer within <see cref="StoredStateProbe{TState}.Timeout"/> is left running: the call is answered from
    /// what storage last confirmed, as the timer's re-read would have left it.
    /// </summary>
    public Task AroundCallAsync(IIncomingGrainCallContext call) =>
        call.InterfaceMethod?.DeclaringType?.IsAssignableFrom(_callers) == true && _freshness.CallRereadsFirst(_time.GetUtcNow()) ? RereadThenAsync(call) : call.Invoke();

    private async Task RereadThenAsync(IIncomingGrainCallContext call)
    {
        try
        {
            await RecheckAsync().WaitAsync(StoredStateProbe<object>.Timeout, _time);
        }
        catch (TimeoutException)
        {
            LogRecheckSlow(_logger, _what);
        }

        await call.Invoke();
    }

    private Task TickAsync() => _freshness.TickRereads(_time.GetUtcNow()) ? RecheckAsync() : Task.CompletedTask;

    private async Task RecheckAsync()
    {
        var held = _describe();
        var started = _time.GetUtcNow();
        try
        {
            if (await _reread())
            {
                LogCaughtUp(_logger, _what, held, _describe());
            }

            _freshness.Confirmed(started);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage did not answer: keep serving what it last confirmed; the next tick or call asks again.
            LogRecheckFailed(_logger, ex, _what);
        }
    }

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning, Message = "{Grain}: another activation wrote; this one held {Held} and now reads {Stored} from storage")]
    private static partial void LogCaughtUp(ILogger logger, string grain, string held, string stored);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Debug, Message = "{Grain}: re-reading the stored state failed; serving what storage last confirmed")]
    private static partial void LogRecheckFailed(ILogger logger, Exception exception, string grain);

    [LoggerMessage(EventId = 1903, Level = LogLevel.Debug, Message = "{Grain}: storage is slow to answer the re-read before a call; answering from what it last confirmed")]
    private static partial void LogRecheckSlow(ILogger logger, string grain);
}
