using System.Globalization;
using System.Text.RegularExpressions;
using Coordinator.Benchmarks.Figures;
using Spectre.Console;

namespace Coordinator.Benchmarks.Peer;

/// <summary>Prints the peer pairs after the figures, with the CPU other processes took in each side's window.</summary>
internal static partial class PeerReport
{
    public static void Write(IReadOnlyList<PeerTable.Row> rows, IReadOnlyList<FigureResult> results, TextWriter output)
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
        foreach (var (row, pair) in rows.Zip(PeerTable.Pairs))
        {
            table.AddRow(
                Markup.Escape(row.What),
                Markup.Escape(row.Product),
                Markup.Escape(row.Etcd),
                row.Ratio.EndsWith("slower", StringComparison.Ordinal) ? $"[red]{Markup.Escape(row.Ratio)}[/]" : Markup.Escape(row.Ratio),
                Markup.Escape($"{OtherCores(results, pair.Product)} / {OtherCores(results, [pair.Etcd])}"));
        }

        console.Write(table);
        console.MarkupLine("[grey]Other CPU: cores the rest of the machine took during each side's window (Coordinator / etcd), from the figure's notes; " +
            "the SDK-cache and guard figures (1, 5) run under BenchmarkDotNet and carry none.[/]");
        output.WriteLine();
        PeerTable.WriteMarkdown(rows, output);
    }

    private static string OtherCores(IReadOnlyList<FigureResult> results, IReadOnlyList<string> ids)
    {
        var figure = ids.Select(id => results.LastOrDefault(r => r.Id == id)).FirstOrDefault(r => r?.Value is not null);
        var note = figure?.Notes.Select(n => OtherProcesses().Match(n)).FirstOrDefault(m => m.Success);
        return note is null ? "-" : double.Parse(note.Groups[1].Value, CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"other processes (\d+(?:\.\d+)?)")]
    private static partial Regex OtherProcesses();
}
