using Coordinator.Campaigns;
using Spectre.Console;

namespace Coordinator.Console.Rendering;

/// <summary>Every field of a manifest, one per row, under its file key; endpoints one line per region when there are any.</summary>
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
        if (manifest.Endpoints.Count > 0)
        {
            Row(grid, ManifestFields.Endpoints, EndpointLines(manifest));
        }

        return grid;
    }

    /// <summary>"eu-west  http://10.0.0.5:8080 (health /healthz)", one line per region, region names padded to line up.</summary>
    public static string EndpointLines(ArmManifest manifest)
    {
        var width = manifest.Endpoints.Keys.Max(k => k.Length);
        return string.Join("\n", manifest.Endpoints.Select(kv => $"{kv.Key.PadRight(width)}  {ManifestDiff.DescribeEndpoint(kv.Value)}"));
    }

    private static void Row(Grid grid, string key, string value) =>
        grid.AddRow(new Text(key, new Style(decoration: Decoration.Dim)), new Text(value));
}
