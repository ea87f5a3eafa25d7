using Spectre.Console;

namespace Coordinator.Console.Rendering;

/// <summary>Every field of a manifest, one per row, under its file key.</summary>
public static class ManifestGrid
{
    public static Grid Render(ArmManifest manifest)
    {
        var grid = new Grid().AddColumn(new GridColumn().PadLeft(2).PadRight(2).NoWrap()).AddColumn();
        foreach (var field in ManifestFields.All)
        {
            Row(grid, field.Name, field.Get(manifest));
        }

        Row(grid, ManifestFields.Labels, manifest.Labels.Count == 0 ? "-" : string.Join(", ", manifest.Labels.Select(kv => $"{kv.Key}={kv.Value}")));
        return grid;
    }

    private static void Row(Grid grid, string key, string value) =>
        grid.AddRow(new Text(key, new Style(decoration: Decoration.Dim)), new Text(value));
}
