using System.Globalization;
using Coordinator.Campaigns;
using Coordinator.Evaluation.Running;
using Spectre.Console;

namespace Coordinator.Console.Rendering;

/// <summary>`evaluate`'s human output: the run, per-item measures, per-stage latency, errors, and the gate.</summary>
public static class EvaluationView
{
    public static void Write(IAnsiConsole console, EvaluationResult result)
    {
        var r = result.Report;
        console.MarkupLineInterpolated($"[bold]{r.Service}/{r.Region}[/] {r.Arm.ToWire()} at {result.AskUrl}");
        console.MarkupLineInterpolated($"gold {result.GoldSetName} {result.GoldSetFingerprint}; embedder {result.Embedder}");
        console.MarkupLineInterpolated($"{result.Calls} calls ({result.FailedCalls} failed), warm-up {result.Warmup.Calls} ({result.Warmup.Failed} failed), {result.Embeddings.Texts} texts embedded in {Ms(result.Embeddings.Time.TotalMilliseconds)}, wall {Ms(result.WallTime.TotalMilliseconds)}");

        var items = new Table().AddColumns("item", "ΔS(q, retrieved) per paraphrase", "band", "ΔS(retrieved, anchor)", "coverage", "λ per seed", "latency");
        foreach (var i in result.Items)
        {
            items.AddRow(
                Markup.Escape(i.Id),
                string.Join(" ", i.DeltaSQuestion.Select(Score)),
                i.Band.ToString().ToLowerInvariant(),
                string.Join(" ", i.DeltaSAnchor.Select(Score)),
                $"{Score(i.Coverage)} {i.CoverageLevel.ToString().ToLowerInvariant()}",
                string.Join(" ", i.Lambda.Select(l => l.ToString().ToLowerInvariant())),
                Ms(i.LatencyMs));
        }

        console.Write(items);
        if (result.Stages.Count > 0)
        {
            var stages = new Table().AddColumns("stage", "p50", "p95", "max");
            foreach (var s in result.Stages)
            {
                stages.AddRow(s.Stage, Ms(s.P50), Ms(s.P95), Ms(s.Max));
            }

            console.Write(stages);
        }

        foreach (var e in result.ErroredItems)
        {
            console.MarkupLineInterpolated($"[red]errored[/] {e.Id}: {e.Errors[0]}{(e.Errors.Count > 1 ? $" (+{e.Errors.Count - 1} more)" : string.Empty)}");
        }

        var gate = new Table().AddColumns("metric", "value", "target", "verdict");
        foreach (var m in result.Gate.Metrics)
        {
            gate.AddRow(m.Metric, m.Value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-", m.PassTarget?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-", m.Verdict.ToString().ToLowerInvariant());
        }

        console.Write(gate);
        var colour = result.Gate.Verdict switch { GateVerdict.Pass => "green", GateVerdict.Fail => "red", _ => "yellow" };
        console.MarkupLine($"warm gate: [{colour}]{Markup.Escape(result.Gate.Reason)}[/]");
    }

    private static string Score(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Ms(double value) => value.ToString("0.#", CultureInfo.InvariantCulture) + " ms";
}
