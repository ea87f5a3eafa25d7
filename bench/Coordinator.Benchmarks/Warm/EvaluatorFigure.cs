using System.Globalization;
using Coordinator.Arms;
using Coordinator.Benchmarks.Figures;
using Coordinator.Benchmarks.Measure;
using Coordinator.Campaigns;
using Coordinator.Evaluation.Embeddings;
using Coordinator.Evaluation.Gold;
using Coordinator.Evaluation.Running;

namespace Coordinator.Benchmarks.Warm;

/// <summary>
/// Figures 17a-d, in-process: the reference evaluator the coordinator runs at Warm Green, over the whole shipped
/// gold set against a real Green arm server (the demo's Green build, no added stage time: the arm's own retrieval
/// only) on loopback. The model is loaded once before the runs (its load time is noted, not counted); each run asks
/// every item's question once to warm the arm, then every paraphrase with each seed, embeds every distinct text and
/// scores them. 17d is how far the good Green's ΔS p95 sits under the seed's 0.45 gate.
/// </summary>
internal static class EvaluatorFigure
{
    /// <summary>The shipped gold set, copied next to the benchmark when it is built.</summary>
    public static string GoldPath => Path.Combine(AppContext.BaseDirectory, "gold", "ops-handbook.v1.gold.jsonl");

    public static async Task<IReadOnlyList<FigureResult>> RunAsync(BenchProfile profile, Action<string> say, CancellationToken cancellationToken)
    {
        var gold = await GoldSet.LoadAsync(GoldPath, cancellationToken);
        var loading = System.Diagnostics.Stopwatch.StartNew();
        var embedder = MiniLmEmbeddingGenerator.Shared;
        var loaded = loading.Elapsed;
        say($"  MiniLM loaded in {loaded.TotalSeconds:0.0} s; {gold.Items.Count} items x {gold.Items[0].Paraphrases.Count} paraphrases x {Catalog.EvaluatorSeeds.Length} seeds, {profile.EvaluatorRuns} run(s)");

        await using var green = await ArmServer.StartAsync(ArmOptions.ForGreen(), cancellationToken: cancellationToken);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var options = new EvaluatorOptions { Seeds = Catalog.EvaluatorSeeds, Concurrency = Catalog.EvaluatorConcurrency, WarmupPasses = 1 };
        var target = new EvaluationTarget("rag-api", "bench", green.BaseUrl);
        var cpu = new CpuMeter([("benchmark", Environment.ProcessId)]);
        var runs = new List<Run>();
        for (var i = 0; i < profile.EvaluatorRuns; i++)
        {
            var asksBefore = green.Counts().Asks;
            var window = cpu.Start();
            var result = await new GoldEvaluator(embedder, http, options).RunAsync(target, gold, cancellationToken: cancellationToken);
            var use = window.Stop();
            var run = new Run(result, green.Counts().Asks - asksBefore, use);
            runs.Add(run);
            say($"  run {i + 1}: {result.WallTime.TotalSeconds:0.00} s, {run.ArmCalls} arm calls, {run.TextsPerSecond:0} texts/s, ΔS p95 {Summary(result, options).DeltaSP95:0.000}");
        }

        var median = runs.OrderBy(r => r.Result.WallTime).ElementAt(runs.Count / 2);
        var r = median.Result;
        var summary = Summary(r, options);
        var expectedCalls = gold.Items.Sum(i => i.Paraphrases.Count) * Catalog.EvaluatorSeeds.Length + gold.Items.Count;
        var gate = GateThresholds.Default.MaxDeltaS;
        var worst = r.Items.OrderByDescending(i => i.DeltaSQuestion.Max()).First();
        var over = r.Items.Count(i => i.DeltaSQuestion.Max() > gate);
        var allRuns = string.Join(", ", runs.Select(x => x.Result.WallTime.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)));
        var stages = string.Join(", ", r.Stages.Select(s => $"{s.Stage} p50 {s.P50:0.#} ms"));
        return
        [
            FigureResult.Measured(Catalog.EvaluatorWall.Id, Catalog.EvaluatorWall.Title, r.WallTime.TotalSeconds, Catalog.EvaluatorWall.Unit, null, null,
                $"{gold.Items.Count} items, {r.Calls} measured calls + {r.Warmup.Calls} warm-up; runs {allRuns} s; of the median run, embedding {r.Embeddings.Time.TotalSeconds:0.00} s",
                $"arm (demo Green build, no added stage time) on 127.0.0.1 in this process; {stages}; model load {loaded.TotalSeconds:0.0} s, once per process, not counted",
                $"{median.Cpu}"),
            FigureResult.Measured(Catalog.EvaluatorCalls.Id, Catalog.EvaluatorCalls.Title, median.ArmCalls, Catalog.EvaluatorCalls.Unit, null, null,
                $"expected {expectedCalls} ({gold.Items.Sum(i => i.Paraphrases.Count)} paraphrases x {Catalog.EvaluatorSeeds.Length} seeds + {gold.Items.Count} warm-up); failed calls {r.FailedCalls}, errored items {r.ErroredItems.Count}"),
            FigureResult.Measured(Catalog.EvaluatorEmbeddings.Id, Catalog.EvaluatorEmbeddings.Title, median.TextsPerSecond, Catalog.EvaluatorEmbeddings.Unit, null, null,
                $"{r.Embeddings.Texts} distinct texts (paraphrases, anchors, retrieved sentences) in {r.Embeddings.Time.TotalSeconds:0.00} s; runs {string.Join(", ", runs.Select(x => x.TextsPerSecond.ToString("0", CultureInfo.InvariantCulture)))} texts/s"),
            FigureResult.Measured(Catalog.EvaluatorMargin.Id, Catalog.EvaluatorMargin.Title, gate - (summary.DeltaSP95 ?? 1), Catalog.EvaluatorMargin.Unit, Catalog.EvaluatorMargin.Target, null,
                $"ΔS p95 {summary.DeltaSP95:0.0000} (nearest rank over {summary.CompleteItems} items of each item's worst paraphrase); worst item {worst.Id} at {worst.DeltaSQuestion.Max():0.000}; {over} item(s) above {gate}",
                $"coverage mean {summary.CoverageMean:0.000}, λ convergent {summary.LambdaConvergence:P0}; the Warm gate (seed defaults): {r.Gate.Verdict.ToString().ToLowerInvariant()}"),
        ];
    }

    private static SmokeSummary Summary(EvaluationResult result, EvaluatorOptions options) =>
        SmokeSummariser.Summarise(result.Report, options.Thresholds.Paraphrases, options.Thresholds.LambdaSeeds);

    private sealed record Run(EvaluationResult Result, long ArmCalls, CpuUse? Cpu)
    {
        public double TextsPerSecond => Result.Embeddings.Texts / Math.Max(Result.Embeddings.Time.TotalSeconds, 1e-9);
    }
}
