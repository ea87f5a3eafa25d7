using System.Globalization;
using Coordinator.Campaigns;
using Coordinator.Fleet;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Coordinator.Console.Rendering;

/// <summary>The fleet's summary as tables: per region where it ended, then the fleet's totals with the numbers that must be 0.</summary>
public static class FleetSummaryView
{
    public static IRenderable Render(FleetSummary summary)
    {
        // Few, short columns: it should fit an 80-column terminal (every number is in --json).
        var regions = new Table().Border(TableBorder.Simple)
            .Title(summary.Http is null ? "[bold]Fleet summary[/] (simulated traffic on the real coordinator)" : "[bold]Fleet summary[/] (real HTTP traffic through the edges; requests as the client saw them)")
            .AddColumns("Region", "Arm", "Epoch", "Flips")
            .AddColumns(Right("Requests blue / green"), Right("Writes ok / rejected"), Right("Commits ok / dup / fenced"));
        foreach (var r in summary.Regions)
        {
            regions.AddRow(
                Markup.Escape(r.Region),
                r.Arm == Arm.Green ? "[green]green[/]" : "[blue]blue[/]",
                Display.Number(r.Epoch),
                Display.Number(r.Flips),
                $"{Display.Number(r.Requests.Blue)}/{Display.Number(r.Requests.Green)}",
                $"{Display.Number(r.Writes.Accepted)}/{Display.Number(r.Writes.RejectedWhileFrozen + r.Writes.RejectedOther)}",
                $"{Display.Number(r.Commits.Accepted)}/{Display.Number(r.Commits.Duplicates)}/{Display.Number(r.Commits.Fenced)}");
        }

        var totals = new Grid().AddColumn().AddColumn();
        totals.AddRow("campaign", Markup.Escape($"{summary.CampaignId}: {CampaignStatusView.StateText(summary.State)}"));
        if (summary.Reason is { } reason)
        {
            totals.AddRow("reason", Markup.Escape(reason));
        }

        totals.AddRow("rollback time", summary.RollbackSeconds is { } seconds ? $"{seconds.ToString("0.000", CultureInfo.InvariantCulture)} s" : "no rollback");
        totals.AddRow("injected", summary.Injected.Count == 0 ? "nothing" : Markup.Escape(string.Join(", ", summary.Injected)));
        totals.AddRow("requests served", $"blue {Display.Number(summary.Requests.Blue)}, green {Display.Number(summary.Requests.Green)}, errors {Display.Number(summary.Requests.Errors)}");
        totals.AddRow("lower-epoch reads", Zero(summary.Requests.LowerEpochReads));
        totals.AddRow("writes", $"accepted {Display.Number(summary.Writes.Accepted)}, rejected while frozen {Display.Number(summary.Writes.RejectedWhileFrozen)}, rejected otherwise {Display.Number(summary.Writes.RejectedOther)}");
        totals.AddRow("writes accepted while frozen", Zero(summary.Writes.AcceptedWhileFrozen));
        totals.AddRow("fencing token regressions", Zero(summary.Writes.TokenRegressions));
        totals.AddRow("consumer commits",
            $"accepted {Display.Number(summary.Commits.Accepted)}, duplicates {Display.Number(summary.Commits.Duplicates)} (replayed {Display.Number(summary.Commits.Replayed)}), "
            + $"fenced {Display.Number(summary.Commits.Fenced)} (zombie attempts {Display.Number(summary.Commits.ZombieCommits)})");
        totals.AddRow("zombie commits accepted", Zero(summary.Commits.ZombieAccepted));
        totals.AddRow("offset regressions", Zero(summary.Commits.OffsetRegressions));
        totals.AddRow("smoke reports", Display.Number(summary.SmokeReports));
        totals.AddRow("fleet ran", $"{summary.DurationSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        var parts = new List<IRenderable> { regions, totals };
        if (summary.Http is { } http)
        {
            parts.Add(Http(http));
        }

        if (Warm(summary) is { } warm)
        {
            parts.Add(warm);
        }

        return new Rows(parts);
    }

    /// <summary>What the coordinator's own evaluator measured at each region's Warm Green, and with what.</summary>
    private static IRenderable? Warm(FleetSummary summary)
    {
        var measured = summary.Regions.Where(r => r.Warm is not null).ToList();
        if (measured.Count == 0)
        {
            return null;
        }

        var table = new Table().Border(TableBorder.Simple)
            .Title("[bold]Warm Green[/] (measured by the coordinator against each region's real Green before its flip)")
            .AddColumns("Region", "Gate")
            .AddColumns(Right("ΔS p95"), Right("Coverage"), Right("λ convergent"), Right("Items"), Right("Calls (failed)"), Right("Took"));
        foreach (var r in measured)
        {
            var w = r.Warm!;
            table.AddRow(
                Markup.Escape(r.Region),
                w.Verdict switch { GateVerdict.Pass => "[green]pass[/]", GateVerdict.Fail => "[red]fail[/]", _ => "[yellow]inconclusive[/]" },
                Optional(w.DeltaSP95),
                Optional(w.CoverageMean),
                Optional(w.LambdaConvergence),
                $"{Display.Number(w.CompleteItems)}/{Display.Number(w.Items)}",
                $"{Display.Number(w.Calls)} ({Display.Number(w.FailedCalls)})",
                $"{w.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        }

        var totals = new Grid().AddColumn().AddColumn();
        totals.AddRow("gold set", Markup.Escape(string.Join("; ", measured.Select(r => $"{r.Warm!.GoldSet} {r.Warm.GoldSetFingerprint}").Distinct())));
        totals.AddRow("embedder", Markup.Escape(string.Join("; ", measured.Select(r => r.Warm!.Embedder).Distinct())));
        foreach (var r in measured.Where(r => r.Warm!.Verdict != GateVerdict.Pass))
        {
            totals.AddRow($"{Markup.Escape(r.Region)} warm gate", Markup.Escape(r.Warm!.Reason));
        }

        return new Rows(table, totals);
    }

    private static string Optional(double? value) => value is { } v ? Score(v) : "-";

    /// <summary>The arm servers' own counts, the failed requests around flips, and the measured quality.</summary>
    private static IRenderable Http(FleetHttpSummary http)
    {
        var arms = new Table().Border(TableBorder.Simple)
            .Title("[bold]HTTP at the arms[/] (requests as each arm server counted them)")
            .AddColumn("Region")
            .AddColumns(Right("Asks blue / green"), Right("5xx blue / green"), Right("Failed (at flips)"), Right("Old arm's last request after flip"))
            .AddColumns(Right("Coverage blue / green"), Right("ΔS blue / green"), new TableColumn("Green degraded"));
        foreach (var r in http.Regions)
        {
            arms.AddRow(
                Markup.Escape(r.Region),
                $"{Display.Number(r.Blue.Asks)}/{Display.Number(r.Green.Asks)}",
                $"{Display.Number(r.Blue.Asks5xx)}/{Display.Number(r.Green.Asks5xx)}",
                $"{Display.Number(r.Failed)} ({Zero(r.FailedAcrossFlips)})",
                r.Flips.Count == 0 ? "no flip" : string.Join(", ", r.Flips.Select(f => f.OldArmLastRequestMs is { } ms ? $"e{f.Epoch}: {Ms(ms)}" : $"e{f.Epoch}: none")),
                $"{Score(r.Blue.CoverageMean)}/{Score(r.Green.CoverageMean)}",
                $"{Score(r.Blue.DeltaSMean)}/{Score(r.Green.DeltaSMean)}",
                Markup.Escape(r.Green.Degraded ?? "no"));
        }

        var totals = new Grid().AddColumn().AddColumn();
        totals.AddRow("requests per arm (arm servers)", $"blue {Display.Number(http.Regions.Sum(r => r.Blue.Asks))}, green {Display.Number(http.Regions.Sum(r => r.Green.Asks))}");
        totals.AddRow("failed requests", Display.Number(http.Failed));
        totals.AddRow("failed across flips", $"{Zero(http.FailedAcrossFlips)} (in flight within {http.FlipWindowSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s of a flip)");
        totals.AddRow("flip to the old arm's last request", http.MaxOldArmAfterFlipMs is { } max ? $"at most {Ms(max)}" : "no flip");
        totals.AddRow("quality", Markup.Escape(http.QualityMeasure));
        totals.AddRow("smoke reports", Markup.Escape(http.SmokeReports));
        return new Rows(arms, totals);
    }

    private static string Ms(double ms) => $"{ms.ToString("0.0", CultureInfo.InvariantCulture)} ms";

    private static string Score(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static TableColumn Right(string header) => new TableColumn(header).RightAligned();

    /// <summary>A number that must be 0: green when it is, red when it is not.</summary>
    private static string Zero(long value) => value == 0 ? "[green]0[/]" : $"[red]{Display.Number(value)}[/]";
}
