using Coordinator.Evaluation.Running;

namespace Coordinator.Console.Rendering;

/// <summary>`evaluate --json`: the run's numbers, the gate and the report, as one document.</summary>
public static class EvaluationJson
{
    public static object Of(EvaluationResult r) => new
    {
        service = r.Report.Service,
        region = r.Report.Region,
        arm = r.Report.Arm,
        ask_url = r.AskUrl,
        gold_set = new { name = r.GoldSetName, fingerprint = r.GoldSetFingerprint },
        embedder = new { provider = r.Embedder.Provider, model = r.Embedder.Model, dimensions = r.Embedder.Dimensions },
        calls = r.Calls,
        failed_calls = r.FailedCalls,
        warmup = new { calls = r.Warmup.Calls, failed = r.Warmup.Failed },
        embeddings = new { texts = r.Embeddings.Texts, ms = r.Embeddings.Time.TotalMilliseconds },
        wall_ms = r.WallTime.TotalMilliseconds,
        items = r.Items,
        errored_items = r.ErroredItems,
        stages = r.Stages,
        gate = r.Gate,
        report = r.Report,
    };
}
