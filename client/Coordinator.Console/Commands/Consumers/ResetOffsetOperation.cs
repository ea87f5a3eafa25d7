using Coordinator.Console.App;
using Coordinator.Fences;
using Coordinator.Operations.Fences;
using Spectre.Console;

namespace Coordinator.Console.Commands.Consumers;

/// <summary>Sets one partition's committed offset explicitly; the pointer validates and audits it.</summary>
public sealed class ResetOffsetOperation(ConsoleIo io)
{
    public async Task<ConsumerPointerStatus> RunAsync(
        IClusterClient client, string service, string region, string group, int partition, long offset, string operatorName, string reason)
    {
        // The status before is read only to print where the offset came from.
        var (before, after) = await ConsumerOperations.ResetOffsetAsync(client, service, region, group, partition, offset, operatorName, reason);
        io.Out.MarkupLineInterpolated(
            $"reset [bold]{FenceKey.Format(service, region, group)}[/] partition {partition}: offset {before.Offsets.GetValueOrDefault(partition)} → [bold]{after.Offsets.GetValueOrDefault(partition)}[/] (audited as {operatorName})");
        return after;
    }
}
