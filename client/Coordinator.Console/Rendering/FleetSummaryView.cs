using System.Globalization;
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
            .Title("[bold]Fleet summary[/] (simulated traffic on the real coordinator)")
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
        return new Rows(regions, totals);
    }

    private static TableColumn Right(string header) => new TableColumn(header).RightAligned();

    /// <summary>A number that must be 0: green when it is, red when it is not.</summary>
    private static string Zero(long value) => value == 0 ? "[green]0[/]" : $"[red]{Display.Number(value)}[/]";
}
