using Coordinator.Console.App;
using Coordinator.Console.Commands;
using Coordinator.Console.Rendering;
using Coordinator.Fences;
using Coordinator.Operations.Fences;
using Spectre.Console;

namespace Coordinator.Console.Commands.Consumers;

/// <summary>
/// Starts a consumer move and, unless told not to wait, follows it until the pointer completes or
/// fails it, printing the instances it still waits for whenever that set changes.
/// </summary>
public sealed class MoveConsumersOperation(ConsoleIo io, TimeProvider time)
{
    /// <summary>How often a draining move is read again.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long past its drain timeout a move may still be draining before the console stops following it.</summary>
    public static readonly TimeSpan FollowGrace = TimeSpan.FromSeconds(60);

    /// <returns>The move as last read: Completed, Failed, or Draining when not waiting (or when the pointer never ended it).</returns>
    public async Task<MoveStatus> RunAsync(IClusterClient client, string service, string region, string group, MoveInput input, CancellationToken cancellationToken)
    {
        var where = FenceKey.Format(service, region, group);
        var key = input.IdempotencyKey ?? Guid.NewGuid().ToString("N");
        var move = await ConsumerOperations.StartMoveAsync(client, service, region, group, new MoveRequest
        {
            ToConsumerVer = input.ToConsumerVer,
            IdempotencyKey = key,
            Operator = input.Operator,
            Reason = input.Reason,
            DrainTimeout = input.DrainTimeout,
        });
        io.Out.MarkupLineInterpolated(
            $"move of [bold]{where}[/]: {move.FromConsumerVer} → [bold]{move.ToConsumerVer}[/], key {key}, drain timeout {DurationText.Format(input.DrainTimeout)}");

        if (move.State == MoveState.Draining && !input.Wait)
        {
            WritePending(move);
            io.Out.MarkupLineInterpolated($"not waiting: follow it with 'consumers {service} {region} --groups {group}'");
            return move;
        }

        var deadline = time.GetUtcNow() + input.DrainTimeout + FollowGrace;
        IReadOnlyList<string>? shown = null;
        while (move.State == MoveState.Draining)
        {
            if (shown is null || !shown.SequenceEqual(move.PendingInstances, StringComparer.Ordinal))
            {
                WritePending(move);
                shown = move.PendingInstances;
            }

            if (time.GetUtcNow() >= deadline)
            {
                io.Error.MarkupLineInterpolated(
                    $"[red]still draining[/] {DurationText.Format(input.DrainTimeout + FollowGrace)} after the start, past its drain timeout; the pointer should have ended it. Check with 'consumers {service} {region} --groups {group}'.");
                return move;
            }

            await Task.Delay(PollInterval, time, cancellationToken);
            move = await ConsumerOperations.GetMoveAsync(client, service, region, group, key)
                ?? throw new InvalidOperationException($"the pointer {where} no longer knows move key {key}; check with 'consumers {service} {region} --groups {group}'");
        }

        if (move.State == MoveState.Completed)
        {
            io.Out.MarkupLineInterpolated(
                $"[green]move completed[/]: [bold]{where}[/] consumes with [bold]{move.ToConsumerVer}[/] (finished {Display.Time(move.FinishedAt)}); handed offsets:");
            io.Out.Write(OffsetTable.Render("Handed offset", move.HandedOffsets));
        }
        else
        {
            io.Error.MarkupLineInterpolated($"[red]refused[/]: the move of {where} to {move.ToConsumerVer} failed: {move.Reason ?? "no reason given"}");
            if (move.PendingInstances.Count > 0)
            {
                io.Error.MarkupLineInterpolated($"  never acknowledged the pause: {string.Join(", ", move.PendingInstances)}");
            }

            io.Error.MarkupLineInterpolated($"  {move.FromConsumerVer} stays active; nothing was handed over");
        }

        return move;
    }

    private void WritePending(MoveStatus move)
    {
        if (move.PendingInstances.Count == 0)
        {
            io.Out.MarkupLineInterpolated($"  draining: no instance of {move.FromConsumerVer} pending; handing over");
        }
        else
        {
            io.Out.MarkupLineInterpolated(
                $"  draining: waiting for {move.PendingInstances.Count} instance(s) of {move.FromConsumerVer} to acknowledge the pause: {string.Join(", ", move.PendingInstances)}");
        }
    }
}
