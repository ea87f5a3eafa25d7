using Spectre.Console;
using Spectre.Console.Rendering;

namespace Coordinator.Console.Rendering;

/// <summary>One row per region: the pointer, then what each arm would serve (and where, when it has an endpoint there).</summary>
public static class StatusTable
{
    private const int HashWidth = 24;

    public static Table Render(string service, IEnumerable<ActiveArmView> regions)
    {
        var views = regions.ToList();
        var fields = "INDEX_HASH / MODEL_VER / PROMPT_VER"
            + (views.Any(v => HasEndpoint(v.Blue, v.Region) || HasEndpoint(v.Green, v.Region)) ? " / URL" : string.Empty);
        var table = new Table()
            .Title($"{service}: active arms")
            .AddColumn("Region")
            .AddColumn("Active")
            .AddColumn(new TableColumn("Epoch").RightAligned())
            .AddColumn("Owner campaign")
            .AddColumn("Last flip (UTC)")
            .AddColumn($"Blue: {fields}")
            .AddColumn($"Green: {fields}");

        foreach (var view in views)
        {
            table.AddRow(
                new Text(view.Region),
                ArmLabel(view.ActiveArm),
                new Text(view.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(view.OwnerCampaign ?? "-"),
                new Text(Display.Time(view.LastFlipAt)),
                ArmCell(view.Blue, view.Region, view.ActiveArm == Arm.Blue),
                ArmCell(view.Green, view.Region, view.ActiveArm == Arm.Green));
        }

        return table;
    }

    private static bool HasEndpoint(ArmManifest? manifest, string region) => manifest?.Endpoints.ContainsKey(region) == true;

    private static Markup ArmLabel(Arm arm) =>
        new(arm == Arm.Blue ? "[bold blue]blue[/]" : "[bold green]green[/]");

    private static IRenderable ArmCell(ArmManifest? manifest, string region, bool active)
    {
        if (manifest is null)
        {
            return new Text("(not registered)", new Style(decoration: Decoration.Dim));
        }

        var lines = $"{Display.Shorten(manifest.IndexHash, HashWidth)}\n{manifest.ModelVer}\n{manifest.PromptVer}";
        if (manifest.Endpoints.TryGetValue(region, out var endpoint))
        {
            // Only this row's region: the one line that says where this arm serves here.
            lines += $"\n{endpoint.Url}";
        }

        return new Text(lines, active ? new Style(decoration: Decoration.Bold) : Style.Plain);
    }
}
