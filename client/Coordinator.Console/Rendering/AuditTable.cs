using System.Globalization;
using Spectre.Console;

namespace Coordinator.Console.Rendering;

/// <summary>A region's audit chain, oldest first, with details and hashes cut to fit.</summary>
public static class AuditTable
{
    public const int DetailWidth = 60;
    public const int HashPrefix = 12;

    public static Table Render(string service, string region, IEnumerable<AuditEntry> entries)
    {
        var table = new Table()
            .Title($"{service}/{region}: audit chain")
            .AddColumn(new TableColumn("Seq").RightAligned())
            .AddColumn("Time (UTC)")
            .AddColumn("Operator")
            .AddColumn("Command")
            .AddColumn("Detail")
            .AddColumn("Hash");

        foreach (var entry in entries)
        {
            table.AddRow(
                new Text(entry.Sequence.ToString(CultureInfo.InvariantCulture)),
                new Text(Display.Time(entry.At)),
                new Text(entry.Operator),
                new Text(entry.Command),
                new Text(Display.Shorten(entry.Detail, DetailWidth)),
                new Text(entry.Hash[..Math.Min(HashPrefix, entry.Hash.Length)]));
        }

        return table;
    }
}
