using System.Globalization;
using Coordinator.Benchmarks.Figures;
using Spectre.Console;

namespace Coordinator.Benchmarks.Reporting;

/// <summary>The human-readable report: machine, one row per figure, then each figure's notes.</summary>
internal static class ConsoleReport
{
    public static void Write(BenchReport report, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (!console.Profile.Capabilities.Interactive || console.Profile.Width < 150)
        {
            console.Profile.Width = 150;
        }

        var m = report.Machine;
        var machine = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string key, string value) => machine.AddRow($"[grey]{key}[/]", Markup.Escape(value));
        Row("CPU", $"{m.Cpu}, {m.Cores} cores, {m.MemoryGiB:0.#} GiB");
        Row("OS", m.Os);
        Row("Runtime", $"{m.Runtime}, Orleans {m.Orleans}, {m.Gc} GC, {m.Build} build");
        Row("Run", $"{m.Profile} profile, started {m.StartedAt:yyyy-MM-dd HH:mm:ss} UTC");
        Row("Load avg", $"{m.LoadAverageAtStart} at start, {m.LoadAverageAtEnd ?? "?"} at end (1/5/15 min; shared machine)");
        Row("Logs", report.LogDirectory);
        foreach (var change in report.Overrides)
        {
            machine.AddRow("[red]Override[/]", $"[red]{Markup.Escape(change)}[/]");
        }

        console.Write(new Panel(machine).Header("Coordinator benchmarks").Expand());

        var table = new Table().Border(TableBorder.Rounded).Expand()
            .AddColumn("#")
            .AddColumn("Figure")
            .AddColumn(new TableColumn("Measured").RightAligned())
            .AddColumn(new TableColumn("p50 / p99").RightAligned())
            .AddColumn("Target")
            .AddColumn("Result");
        foreach (var f in report.Figures)
        {
            table.AddRow(
                Markup.Escape(f.Id),
                Markup.Escape(f.Title),
                Markup.Escape(FormatValue(f)),
                Markup.Escape(f.Latency is { Count: > 0 } l ? $"{l.P50Ms:0.###} / {l.P99Ms:0.###} ms" : "-"),
                Markup.Escape(f.Target?.Text ?? "none set"),
                Verdict(f.Verdict));
        }

        console.Write(table);
        WriteGrowth(console, report.Figures);
        foreach (var f in report.Figures.Where(f => f.Notes.Count > 0))
        {
            console.MarkupLine($"[bold]{Markup.Escape(f.Id)}[/] {Markup.Escape(f.Title)}");
            foreach (var note in f.Notes)
            {
                console.MarkupLine($"    - {Markup.Escape(note)}");
            }
        }
    }

    /// <summary>The scale figures (18a-d) step by step: the value at each amount of work, and its ratio to the step before.</summary>
    private static void WriteGrowth(IAnsiConsole console, IReadOnlyList<FigureResult> figures)
    {
        var grown = figures.Where(f => f.Steps is { Count: > 0 }).ToList();
        if (grown.Count == 0)
        {
            return;
        }

        var work = grown.SelectMany(f => f.Steps!).Select(s => s.Work).Distinct().Order().ToList();
        var table = new Table().Border(TableBorder.Rounded).Title("Growth per step (pointers registered)").AddColumn("#").AddColumn("Unit");
        foreach (var w in work)
        {
            table.AddColumn(new TableColumn(w.ToString("N0", CultureInfo.InvariantCulture)).RightAligned());
        }

        foreach (var f in grown)
        {
            var cells = work.Select(w => f.Steps!.FirstOrDefault(s => s.Work == w) is { } step
                ? FormatValue(f with { Value = step.Value }).Replace(" " + f.Unit, string.Empty, StringComparison.Ordinal)
                    + (step.GrowthFromPrevious is { } g ? $" (x{g.ToString("0.00", CultureInfo.InvariantCulture)})" : string.Empty)
                : "-");
            table.AddRow([Markup.Escape(f.Id), Markup.Escape(f.Unit), .. cells.Select(Markup.Escape)]);
        }

        console.Write(table);
    }

    public static string FormatValue(FigureResult f) => f.Value switch
    {
        null => "-",
        { } v when f.Unit == "ms" => $"{v.ToString("0.##", CultureInfo.InvariantCulture)} ms",
        { } v when f.Unit == "s" => $"{v.ToString("0.##", CultureInfo.InvariantCulture)} s",

        // A margin on a 0-1 score (figure 17d) is a few thousandths.
        { } v when f.Unit == "ΔS" => $"{v.ToString("0.0000", CultureInfo.InvariantCulture)} {f.Unit}",
        { } v when v >= 100 => $"{v.ToString("N0", CultureInfo.InvariantCulture)} {f.Unit}",
        { } v => $"{v.ToString("0.#", CultureInfo.InvariantCulture)} {f.Unit}",
    };

    private static string Verdict(Verdict verdict) => verdict switch
    {
        Figures.Verdict.Pass => "[green]PASS[/]",
        Figures.Verdict.Fail => "[red]FAIL[/]",
        Figures.Verdict.NoTarget => "[grey]measured[/]",
        Figures.Verdict.Skipped => "[yellow]SKIPPED[/]",
        _ => "[red]ERROR[/]",
    };
}
