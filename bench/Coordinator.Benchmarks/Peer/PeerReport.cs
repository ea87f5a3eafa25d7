using Coordinator.Benchmarks.Figures;
using Spectre.Console;

namespace Coordinator.Benchmarks.Peer;

/// <summary>Prints the peer pairs after the figures, with the CPU other processes took in each side's window.</summary>
internal static class PeerReport
{
    public static void Write(IReadOnlyList<PeerTable.Row> rows, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (!console.Profile.Capabilities.Interactive || console.Profile.Width < 150)
        {
            console.Profile.Width = 150;
        }

        var table = new Table().Border(TableBorder.Rounded).Expand().Title("Coordinator beside etcd (same run, same machine)")
            .AddColumn("What")
            .AddColumn(new TableColumn("Coordinator").RightAligned())
            .AddColumn(new TableColumn("etcd").RightAligned())
            .AddColumn("Coordinator is")
            .AddColumn(new TableColumn("Other CPU (cores)").RightAligned());
        foreach (var row in rows)
        {
            table.AddRow(
                Markup.Escape(row.What),
                Markup.Escape(row.Product),
                Markup.Escape(row.Etcd),
                row.Ratio.EndsWith("slower", StringComparison.Ordinal) ? $"[red]{Markup.Escape(row.Ratio)}[/]" : Markup.Escape(row.Ratio),
                Markup.Escape(row.OtherCpu));
        }

        console.Write(table);
        console.MarkupLine("[grey]Other CPU: cores the rest of the machine took during each side's window (Coordinator / etcd), from the figure's notes; " +
            "the SDK-cache and guard figures (1, 5) run under BenchmarkDotNet and carry none.[/]");
        output.WriteLine();
        PeerTable.WriteMarkdown(rows, output);
    }
}
