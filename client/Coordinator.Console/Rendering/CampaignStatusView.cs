using System.Globalization;
using Coordinator.Campaigns;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Coordinator.Console.Rendering;

/// <summary>A campaign as an operator follows it: the campaign, each region's step, and the gate numbers against their targets.</summary>
public static class CampaignStatusView
{
    public static IRenderable Render(CampaignStatus status)
    {
        var rows = new List<IRenderable> { Headline(status), Regions(status) };
        var gates = Gates(status);
        if (gates is not null)
        {
            rows.Add(gates);
        }

        if (Evaluations(status) is { } evaluations)
        {
            rows.Add(evaluations);
        }

        return new Rows(rows);
    }

    /// <summary>"running", "waiting-for-approval", "rolled-back", ...</summary>
    public static string StateText(CampaignState state) => state switch
    {
        CampaignState.Running => "running",
        CampaignState.WaitingForApproval => "waiting-for-approval",
        CampaignState.Paused => "paused",
        CampaignState.RollingBack => "rolling-back",
        CampaignState.Completed => "completed",
        CampaignState.RolledBack => "rolled-back",
        CampaignState.RollbackBlocked => "rollback-blocked",
        _ => state.ToString(),
    };

    public static string OutcomeText(RegionOutcome outcome) => outcome switch
    {
        RegionOutcome.Pending => "pending",
        RegionOutcome.InProgress => "in-progress",
        RegionOutcome.Done => "done",
        RegionOutcome.RolledBack => "rolled-back",
        _ => outcome.ToString(),
    };

    /// <summary>One line for the campaign as a whole (used by the line-per-change view too).</summary>
    public static string Summary(CampaignStatus status)
    {
        var text = $"campaign {status.CampaignId} ({status.Service}): {StateText(status.State)}, wave {Math.Min(status.CurrentWave + 1, status.WaveCount)}/{status.WaveCount}";
        if (status.Reason is { } reason)
        {
            text += $": {reason}";
        }

        if (status.RollbackDuration is { } rollback)
        {
            text += $" (rollback took {Milliseconds(rollback)})";
        }

        return text;
    }

    /// <summary>One line for one region (used by the line-per-change view).</summary>
    public static string RegionLine(RegionProgress region)
    {
        var text = $"{region.Region} (wave {region.WaveIndex + 1}): {OutcomeText(region.Outcome)}";
        if (region.Outcome == RegionOutcome.InProgress)
        {
            text += $", step {region.Step.ToWire()}";
        }

        if (region.FlippedEpoch is { } epoch)
        {
            text += $", flipped at epoch {Display.Number(epoch)}";
        }

        if (region.Warm is { } warm)
        {
            text += $", warm gate {Verdict(warm.Verdict)}";
        }

        if (region.WarmEvaluation is { } evaluation)
        {
            text += $" (measured by the coordinator: {EvaluationText(evaluation)})";
        }

        if (region.Hold.LastOrDefault() is { } hold)
        {
            text += $", hold gate {Verdict(hold.Verdict)}";
        }

        if (region.Note is { } note)
        {
            text += $" ({note})";
        }

        if (region.RollbackBlocked is { } blocked)
        {
            text += $"; ROLLBACK BLOCKED: {blocked}";
        }

        return text;
    }

    public static string Verdict(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Pass => "pass",
        GateVerdict.Inconclusive => "inconclusive",
        GateVerdict.Fail => "fail",
        _ => verdict.ToString(),
    };

    private static Markup Headline(CampaignStatus status)
    {
        var colour = status.State switch
        {
            CampaignState.Completed => "green",
            CampaignState.RolledBack or CampaignState.RollingBack => "red",
            CampaignState.WaitingForApproval or CampaignState.Paused => "yellow",
            _ => "blue",
        };
        var lines = new List<string>
        {
            $"[bold]{Markup.Escape(status.Service)}[/]: campaign [bold]{Markup.Escape(status.CampaignId)}[/] is [{colour}]{StateText(status.State)}[/], "
            + $"wave {Math.Min(status.CurrentWave + 1, status.WaveCount)}/{status.WaveCount}; started {Display.Time(status.StartedAt)} by {Markup.Escape(status.StartedBy)}"
            + (status.FinishedAt is { } finished ? $", finished {Display.Time(finished)}" : string.Empty),
        };
        if (status.Reason is { } reason)
        {
            lines.Add($"  reason: {Markup.Escape(reason)}");
        }

        if (status.RollbackDuration is { } rollback)
        {
            lines.Add($"  rollback took {Milliseconds(rollback)}");
        }

        foreach (var approval in status.Approvals)
        {
            lines.Add($"  approved: {Markup.Escape(approval)}");
        }

        return new Markup(string.Join('\n', lines));
    }

    private static Table Regions(CampaignStatus status)
    {
        var table = new Table()
            .AddColumn("Wave")
            .AddColumn("Region")
            .AddColumn("Outcome")
            .AddColumn("Current step")
            .AddColumn(new TableColumn("Flipped epoch").RightAligned())
            .AddColumn("Warm gate")
            .AddColumn("Latest hold gate")
            .AddColumn("Last step result");

        foreach (var region in status.Regions)
        {
            table.AddRow(
                new Text(Display.Number(region.WaveIndex + 1)),
                new Text(region.Region, new Style(decoration: Decoration.Bold)),
                new Text(OutcomeText(region.Outcome)),
                new Text(region.Outcome == RegionOutcome.InProgress ? region.Step.ToWire() : "-"),
                new Text(region.FlippedEpoch is { } epoch ? Display.Number(epoch) : "-"),
                GateCell(region.Warm),
                GateCell(region.Hold.LastOrDefault()),
                new Text(Display.OrDash(region.Note ?? region.Steps.LastOrDefault()?.Result)));
        }

        return table;
    }

    /// <summary>Every metric of each region's warm gate and latest hold gate; null when no gate has run yet.</summary>
    private static Table? Gates(CampaignStatus status)
    {
        var table = new Table()
            .Title("gate metrics")
            .AddColumn("Region")
            .AddColumn("Gate")
            .AddColumn("Metric")
            .AddColumn(new TableColumn("Value").RightAligned())
            .AddColumn(new TableColumn("Pass target").RightAligned())
            .AddColumn(new TableColumn("Stop at").RightAligned())
            .AddColumn("Verdict")
            .AddColumn("Why");

        var any = false;
        foreach (var region in status.Regions)
        {
            foreach (var (name, gate) in new[] { ("warm", region.Warm), ("hold", region.Hold.LastOrDefault()) })
            {
                if (gate is null)
                {
                    continue;
                }

                foreach (var metric in gate.Metrics)
                {
                    any = true;
                    table.AddRow(
                        new Text(region.Region),
                        new Text(name),
                        new Text(metric.Metric),
                        new Text(Number(metric.Value, metric.Unit)),
                        new Text(Bound(metric.PassTarget, metric.Unit, metric.Direction, stop: false)),
                        new Text(Bound(metric.StopAt, metric.Unit, metric.Direction, stop: true)),
                        VerdictCell(metric.Verdict),
                        new Text(metric.Reason));
                }
            }
        }

        return any ? table : null;
    }

    /// <summary>"gold ops-handbook.v1 sha256:…, embedder …, 204 calls (0 failed) in 12.9 s".</summary>
    public static string EvaluationText(WarmEvaluation e) =>
        $"gold {e.GoldSet} {e.GoldSetFingerprint}, embedder {e.Embedder}, {e.Calls} calls ({e.FailedCalls} failed) in {Milliseconds(e.WallTime)}"
        + (e.FirstError is { } first ? $"; first failure: {first}" : string.Empty);

    /// <summary>What the coordinator's own evaluator measured at Warm Green, per region that it ran for.</summary>
    private static Table? Evaluations(CampaignStatus status)
    {
        var measured = status.Regions.Where(r => r.WarmEvaluation is not null).ToList();
        if (measured.Count == 0)
        {
            return null;
        }

        var table = new Table()
            .Title("warm evaluation (run by the coordinator)")
            .AddColumn("Region")
            .AddColumn("Gold set")
            .AddColumn("Embedder")
            .AddColumn(new TableColumn("Items").RightAligned())
            .AddColumn(new TableColumn("ΔS p95").RightAligned())
            .AddColumn(new TableColumn("Coverage").RightAligned())
            .AddColumn(new TableColumn("λ convergent").RightAligned())
            .AddColumn(new TableColumn("Calls failed").RightAligned())
            .AddColumn(new TableColumn("Took").RightAligned());
        foreach (var region in measured)
        {
            var e = region.WarmEvaluation!;
            var s = e.Summary;
            table.AddRow(
                new Text(region.Region),
                new Text($"{e.GoldSet} {e.GoldSetFingerprint}"),
                new Text(e.Embedder),
                new Text($"{s.CompleteItems}/{s.Items}"),
                new Text(Number(s.DeltaSP95, MetricUnit.Score)),
                new Text(Number(s.CoverageMean, MetricUnit.Ratio)),
                new Text(Number(s.LambdaConvergence, MetricUnit.Ratio)),
                new Text($"{e.FailedCalls}/{e.Calls}" + (e.FirstError is { } first ? $" ({first})" : string.Empty)),
                new Text(Milliseconds(e.WallTime)));
        }

        return table;
    }

    private static IRenderable GateCell(GateResult? gate) =>
        gate is null ? new Text("-") : VerdictCell(gate.Verdict);

    private static Markup VerdictCell(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Pass => new Markup("[green]pass[/]"),
        GateVerdict.Inconclusive => new Markup("[yellow]inconclusive[/]"),
        _ => new Markup("[red]fail[/]"),
    };

    /// <summary>"812.5 ms", "42", "0.583": a metric's number in its unit; "-" when there was none.</summary>
    internal static string Number(double? value, MetricUnit unit) => value switch
    {
        null => "-",
        { } v when unit == MetricUnit.Milliseconds => v.ToString("0.#", CultureInfo.InvariantCulture) + " ms",
        { } v when unit == MetricUnit.Count => v.ToString("0", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.###", CultureInfo.InvariantCulture),
    };

    /// <summary>"≤ 0.45" / "≥ 0.7" for a pass target; "> 0.15" / "< 0.6" for where a stop rule fires.</summary>
    internal static string Bound(double? value, MetricUnit unit, MetricDirection direction, bool stop)
    {
        if (value is null)
        {
            return "-";
        }

        var lower = direction == MetricDirection.LowerIsBetter;
        var sign = stop ? (lower ? "> " : "< ") : (lower ? "≤ " : "≥ ");
        return sign + Number(value, unit);
    }

    private static string Milliseconds(TimeSpan duration) =>
        duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
