using Coordinator.Consumers;
using Orleans.Runtime;

namespace Coordinator.Grains.Consumers;

/// <summary>
/// A draining move ends when its old instances acknowledged the pause or at its deadline, whether or
/// not anyone calls: a timer checks it often while this activation lives, and a reminder wakes the
/// pointer at the deadline (and every wake-up period after) if the activation is gone.
/// </summary>
public sealed partial class ConsumerPointerGrain
{
    private const string MoveReminder = "move-deadline";

    private static readonly TimeSpan DrainCheckPeriod = TimeSpan.FromMilliseconds(100);

    // One change of the reminder at a time: a move started while the last one's reminder is being
    // removed must not lose its own.
    private readonly SemaphoreSlim _reminderGate = new(1, 1);
    private IGrainTimer? _drainTimer;
    private bool _reminderRegistered;

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != MoveReminder)
        {
            return;
        }

        // It exists, whichever activation registered it: it goes once no move drains.
        _reminderRegistered = true;
        await CheckDrainAsync(CancellationToken.None);
    }

    /// <summary>Keeps the timer and the reminder while a move drains, and neither once none does.</summary>
    private async Task WatchMoveAsync()
    {
        if (_writer.Confirmed.CurrentMove is not null)
        {
            _drainTimer ??= this.RegisterGrainTimer(CheckDrainAsync, new GrainTimerCreationOptions(DrainCheckPeriod, DrainCheckPeriod) { Interleave = true });
        }
        else
        {
            _drainTimer?.Dispose();
            _drainTimer = null;
        }

        await _reminderGate.WaitAsync();
        try
        {
            // The state may change while the reminder service answers: decide again on what is confirmed then.
            while (true)
            {
                var due = MoveDeadline.DueIn(_writer.Confirmed, time.GetUtcNow());
                if (due is { } dueIn && !_reminderRegistered)
                {
                    await this.RegisterOrUpdateReminder(MoveReminder, dueIn, wake.Value.Period);
                    _reminderRegistered = true;
                }
                else if (due is null && _reminderRegistered)
                {
                    if (await this.GetReminder(MoveReminder) is { } reminder)
                    {
                        await this.UnregisterReminder(reminder);
                    }

                    _reminderRegistered = false;
                }
                else
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The move itself is written; the timer still judges it while this activation lives, and
            // the next check (timer, reminder or activation) tries the reminder again.
            LogMoveReminderFailed(logger, ex, Fence);
        }
        finally
        {
            _reminderGate.Release();
        }
    }

    private async Task CheckDrainAsync(CancellationToken cancellationToken)
    {
        if (_writer.Confirmed.CurrentMove is not null)
        {
            var finished = await _writer.SubmitAsync(s => ConsumerPointerRules.ExpireMove(s, time.GetUtcNow(), Options, auditKey));
            if (finished is not null)
            {
                LogMove(logger, Fence, finished.FromConsumerVer, finished.ToConsumerVer, finished.State, "coordinator");
            }
        }

        if (_writer.Confirmed.CurrentMove is null)
        {
            await WatchMoveAsync();
        }
    }
}
