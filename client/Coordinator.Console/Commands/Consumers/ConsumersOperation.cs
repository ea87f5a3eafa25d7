using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Coordinator.Fences;
using Coordinator.Operations.Fences;
using Spectre.Console;

namespace Coordinator.Console.Commands.Consumers;

/// <summary>Reads the consumer pointers of a region and prints each group.</summary>
public sealed class ConsumersOperation(ConsoleIo io, TimeProvider time)
{
    /// <param name="groups">The groups to show; null for every group in the region's fence directory.</param>
    /// <param name="json">One JSON document (service, region, groups) instead of the tables; an empty region is an empty list.</param>
    public async Task<IReadOnlyList<ConsumerPointerStatus>> RunAsync(IClusterClient client, string service, string region, IReadOnlyList<string>? groups = null, bool json = false)
    {
        var pointers = await ConsumerOperations.ListAsync(client, service, region, groups);
        if (json)
        {
            CampaignJson.Write(io.Out, new { Service = service, Region = region, Groups = pointers });
            return pointers;
        }

        if (pointers.Count == 0)
        {
            io.Out.MarkupLineInterpolated($"no consumer groups known for [bold]{RegionKey.Format(service, region)}[/]: configure one with 'consumers configure', or name groups with --groups");
            return [];
        }

        var now = time.GetUtcNow();
        foreach (var pointer in pointers)
        {
            io.Out.Write(ConsumerGroupView.Render(service, region, pointer, now));
            io.Out.WriteLine();
        }

        return pointers;
    }
}
