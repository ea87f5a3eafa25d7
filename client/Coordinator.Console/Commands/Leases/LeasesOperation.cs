using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Coordinator.Fences;
using Coordinator.Operations.Fences;
using Spectre.Console;

namespace Coordinator.Console.Commands.Leases;

/// <summary>Reads the writer leases of a region and prints them as one table.</summary>
public sealed class LeasesOperation(ConsoleIo io, TimeProvider time)
{
    /// <param name="writers">The writers to show; null for every writer in the region's fence directory.</param>
    public async Task<IReadOnlyList<LeaseStatus>> RunAsync(IClusterClient client, string service, string region, IReadOnlyList<string>? writers = null)
    {
        var leases = await LeaseOperations.ListAsync(client, service, region, writers);
        if (leases.Count == 0)
        {
            io.Out.MarkupLineInterpolated($"no writers known for [bold]{RegionKey.Format(service, region)}[/]: none has acquired a lease yet, or name writers with --writers");
            return [];
        }

        io.Out.Write(LeaseTable.Render(service, region, leases, time.GetUtcNow()));
        return leases;
    }
}
