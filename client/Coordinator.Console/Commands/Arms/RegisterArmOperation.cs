using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Coordinator.Operations.Regions;
using Spectre.Console;

namespace Coordinator.Console.Commands.Arms;

/// <summary>Registers an arm's manifest in one region (the pointer records the region in the service's directory).</summary>
public sealed class RegisterArmOperation(ConsoleIo io)
{
    /// <param name="showManifest">Print every field of what was registered, not just the headline.</param>
    public async Task<RegisterResult> RunAsync(
        IClusterClient client, string service, string region, Arm arm, ArmManifest manifest, string operatorName, bool showManifest = true)
    {
        var result = await RegionOperations.RegisterArmAsync(client, service, region, arm, manifest, operatorName);

        var where = RegionKey.Format(service, region);
        var view = result.View;
        if (result.Changed)
        {
            io.Out.MarkupLineInterpolated(
                $"registered [bold]{arm.ToWire()}[/] for [bold]{where}[/] (active arm {view.ActiveArm.ToWire()}, epoch {view.Epoch})");
        }
        else
        {
            io.Out.MarkupLineInterpolated(
                $"unchanged: [bold]{arm.ToWire()}[/] for [bold]{where}[/] already has this manifest (active arm {view.ActiveArm.ToWire()}, epoch {view.Epoch})");
        }

        if (showManifest)
        {
            io.Out.Write(ManifestGrid.Render(manifest));
        }

        return result;
    }
}
