using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Spectre.Console;

namespace Coordinator.Console.Commands.Status;

/// <summary>Reads the pointer of each region of a service and prints them as one table.</summary>
public sealed class StatusOperation(ConsoleIo io)
{
    /// <param name="regions">The regions to show; null for every region in the service's directory.</param>
    public async Task<IReadOnlyList<ActiveArmView>> RunAsync(IClusterClient client, string service, IReadOnlyList<string>? regions = null)
    {
        regions ??= await client.GetGrain<IServiceDirectoryGrain>(service).GetRegionsAsync();
        if (regions.Count == 0)
        {
            io.Out.MarkupLineInterpolated($"no regions known for [bold]{service}[/]: register an arm first, or name regions with --regions");
            return [];
        }

        var views = await Task.WhenAll(regions.Select(region =>
            client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, region)).GetActiveArmAsync()));
        io.Out.Write(StatusTable.Render(service, views));
        return views;
    }
}
