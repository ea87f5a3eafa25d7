using Coordinator.Console.App;
using Coordinator.Operations.Regions;
using Spectre.Console;

namespace Coordinator.Console.Commands.Flip;

/// <summary>A compare-and-set flip of one region, printed as from → to with the new epoch.</summary>
public sealed class FlipOperation(ConsoleIo io)
{
    public async Task<FlipResult> RunAsync(IClusterClient client, string service, string region, FlipInput input)
    {
        var result = await RegionOperations.FlipAsync(client, service, region, input);

        var where = RegionKey.Format(service, region);
        if (result.Replayed)
        {
            io.Out.MarkupLineInterpolated(
                $"already applied: key {result.IdempotencyKey} flipped [bold]{where}[/] {result.From.ToWire()} → {result.To.ToWire()} at epoch {result.Epoch}; nothing changed now");
        }
        else
        {
            io.Out.MarkupLineInterpolated(
                $"flipped [bold]{where}[/]: {result.From.ToWire()} → [bold]{result.To.ToWire()}[/], epoch {result.Epoch - 1} → [bold]{result.Epoch}[/]");
        }

        io.Out.MarkupLineInterpolated($"  idempotency key {result.IdempotencyKey}, audit entry {result.AuditHash[..Math.Min(16, result.AuditHash.Length)]}");
        return result;
    }
}
