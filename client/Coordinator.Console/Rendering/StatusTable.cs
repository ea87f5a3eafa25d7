using Spectre.Console;
using Spectre.Console.Rendering;

namespace Coordinator.Console.Rendering;

/// <summary>One row per region: the pointer, then what each arm would serve.</summary>
public static class StatusTable
{
    private const int HashWidth = 24;

    public static Table Render(string service, IEnumerable<ActiveArmView> views)
    {
        var table = new Table()
            .Title($"{service}: active arms")
            .AddColumn("Region")
            .AddColumn("Active")
            .AddColumn(new TableColumn("Epoch").RightAligned())
            .AddColumn("Owner campaign")
            .AddColumn("Last flip (UTC)")
            .AddColumn("Blue: INDEX_HASH / MODEL_VER / PROMPT_VER")
            .AddColumn("Green: INDEX_HASH / MODEL_VER / PROMPT_VER");

        foreach (var view in views)
        {
            table.AddRow(
                new Text(view.Region),
                ArmLabel(view.ActiveArm),
                new Text(view.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(view.OwnerCampaign ?? "-"),
                new Text(Display.Time(view.LastFlipAt)),
                ArmCell(view.Blue, view.ActiveArm == Arm.Blue),
                ArmCell(view.Green, view.ActiveArm == Arm.Green));
        }

        return table;
    }

    private static Markup ArmLabel(Arm arm) =>
        new(arm == Arm.Blue ? "[bold blue]blue[/]" : "[bold green]green[/]");

    private static IRenderable ArmCell(ArmManifest? manifest, bool active)
    {
        if (manifest is null)
        {
            return new Text("(not registered)", new Style(decoration: Decoration.Dim));
        }

        var lines = $"{Display.Shorten(manifest.IndexHash, HashWidth)}\n{manifest.ModelVer}\n{manifest.PromptVer}";
        return new Text(lines, active ? new Style(decoration: Decoration.Bold) : Style.Plain);
    }
}
