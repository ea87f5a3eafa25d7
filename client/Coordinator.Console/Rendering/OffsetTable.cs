using Spectre.Console;

namespace Coordinator.Console.Rendering;

/// <summary>Offsets per partition, one row each, in partition order.</summary>
public static class OffsetTable
{
    public static Table Render(string offsetHeader, IEnumerable<KeyValuePair<int, long>> offsets)
    {
        var table = new Table()
            .AddColumn(new TableColumn("Partition").RightAligned())
            .AddColumn(new TableColumn(offsetHeader).RightAligned());
        foreach (var (partition, offset) in offsets.OrderBy(o => o.Key))
        {
            table.AddRow(Display.Number(partition), Display.Number(offset));
        }

        return table;
    }
}
