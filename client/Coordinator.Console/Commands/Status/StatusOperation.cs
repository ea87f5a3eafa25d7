using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Coordinator.Operations.Regions;
using Spectre.Console;

namespace Coordinator.Console.Commands.Status;

/// <summary>Reads the pointer of each region of a service and prints them as one table.</summary>
public sealed class StatusOperation(ConsoleIo io)
{
    /// <param name="regions">The regions to show; null for every region in the service's directory.</param>
    public async Task<IReadOnlyList<ActiveArmView>> RunAsync(IClusterClient client, string service, IReadOnlyList<string>? regions = null)
    {
        var views = await RegionOperations.StatusAsync(client, service, regions);
        if (views.Count == 0)
        {
            io.Out.MarkupLineInterpolated($"no regions known for [bold]{service}[/]: register an arm first, or name regions with --regions");
            return [];
        }

        io.Out.Write(StatusTable.Render(service, views));
        return views;
    }
}
