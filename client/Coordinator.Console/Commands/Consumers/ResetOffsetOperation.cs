using Coordinator.Console.App;
using Coordinator.Fences;
using Spectre.Console;

namespace Coordinator.Console.Commands.Consumers;

/// <summary>Sets one partition's committed offset explicitly; the pointer validates and audits it.</summary>
public sealed class ResetOffsetOperation(ConsoleIo io)
{
    public async Task<ConsumerPointerStatus> RunAsync(
        IClusterClient client, string service, string region, string group, int partition, long offset, string operatorName, string reason)
    {
        var pointer = client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(service, region, group));

        // Read first only to print where the offset came from; the pointer alone decides whether the reset is valid.
        var before = (await pointer.GetStatusAsync()).Offsets.GetValueOrDefault(partition);
        var after = await pointer.ResetOffsetAsync(partition, offset, operatorName, reason);
        io.Out.MarkupLineInterpolated(
            $"reset [bold]{FenceKey.Format(service, region, group)}[/] partition {partition}: offset {before} → [bold]{after.Offsets.GetValueOrDefault(partition)}[/] (audited as {operatorName})");
        return after;
    }
}
