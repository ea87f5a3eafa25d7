using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Coordinator.Fences;
using Coordinator.Operations.Fences;
using Spectre.Console;

namespace Coordinator.Console.Commands.Consumers;

/// <summary>Creates a consumer group's pointer or grows its partitions (the pointer lists the group in the region's fence directory).</summary>
public sealed class ConfigureConsumersOperation(ConsoleIo io)
{
    public async Task<ConsumerPointerStatus> RunAsync(
        IClusterClient client, string service, string region, string group, string consumerVer, int partitions, string operatorName, LedgerPolicy? ledgerPolicy = null)
    {
        var status = await ConsumerOperations.ConfigureAsync(client, service, region, group, consumerVer, partitions, operatorName, ledgerPolicy);
        io.Out.MarkupLineInterpolated(
            $"configured [bold]{FenceKey.Format(service, region, group)}[/]: CONSUMER_VER [bold]{status.ActiveConsumerVer}[/], {status.Offsets.Count} partitions, token {status.Token}, mode {status.Mode}, ledger {ConsumerGroupView.PolicyName(status.LedgerPolicy)}");
        return status;
    }
}
