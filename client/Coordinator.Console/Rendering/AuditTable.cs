using System.Globalization;
using Spectre.Console;

namespace Coordinator.Console.Rendering;

/// <summary>
/// A region's audit chain, oldest first, one line per entry: the detail is cut to what the console
/// has left after the other columns, and hashes to a prefix.
/// </summary>
public static class AuditTable
{
    public const int HashPrefix = 12;
    public const int MinDetailWidth = 16;
    public const int MaxDetailWidth = 100;

    private const string TimeHeader = "Time (UTC)";

    /// <param name="subject">What the chain belongs to, e.g. "rag-api/eu-west", "rag-api/eu-west/indexer (lease)".</param>
    public static Table Render(string subject, IReadOnlyList<AuditEntry> entries, int consoleWidth)
    {
        var rows = entries.Select(e => new
        {
            Seq = e.Sequence.ToString(CultureInfo.InvariantCulture),
            Time = Display.Time(e.At),
            e.Operator,
            e.Command,
            e.Detail,
            Hash = e.Hash[..Math.Min(HashPrefix, e.Hash.Length)],
        }).ToList();

        int Widest(string header, Func<int> cells) => Math.Max(header.Length, rows.Count == 0 ? 0 : cells());
        var others = Widest("Seq", () => rows.Max(r => r.Seq.Length))
            + Widest(TimeHeader, () => rows.Max(r => r.Time.Length))
            + Widest("Operator", () => rows.Max(r => r.Operator.Length))
            + Widest("Command", () => rows.Max(r => r.Command.Length))
            + Widest("Hash", () => rows.Max(r => r.Hash.Length));

        // Six columns: one space of padding each side of every cell, and seven borders.
        var detailWidth = Math.Clamp(consoleWidth - others - (6 * 2) - 7, MinDetailWidth, MaxDetailWidth);

        var table = new Table()
            .Title($"{subject}: audit chain")
            .AddColumn(new TableColumn("Seq").RightAligned())
            .AddColumn(TimeHeader)
            .AddColumn("Operator")
            .AddColumn("Command")
            .AddColumn(new TableColumn("Detail").NoWrap())
            .AddColumn("Hash");

        foreach (var row in rows)
        {
            table.AddRow(
                new Text(row.Seq),
                new Text(row.Time),
                new Text(row.Operator),
                new Text(row.Command),
                new Text(Display.Shorten(row.Detail, detailWidth)),
                new Text(row.Hash));
        }

        return table;
    }
}
