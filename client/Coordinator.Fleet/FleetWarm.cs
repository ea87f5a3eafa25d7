using System.Text.Json.Serialization;
using Coordinator.Campaigns;

namespace Coordinator.Fleet;

/// <summary>
/// What the coordinator's own evaluator measured for one region at Warm Green (the spec's <c>warm</c> gold set
/// against the region's real Green), as the campaign saved it, with the Warm gate's verdict on it.
/// </summary>
public sealed record FleetWarm
{
    public required GateVerdict Verdict { get; init; }

    /// <summary>The gate's reason (the failing metrics when it failed).</summary>
    public required string Reason { get; init; }

    /// <summary>The gold set's name (its header) and <c>sha256:</c> fingerprint.</summary>
    public required string GoldSet { get; init; }

    public required string GoldSetFingerprint { get; init; }

    /// <summary>"provider/model@version" of the embedder that measured ΔS.</summary>
    public required string Embedder { get; init; }

    /// <summary>Green's <c>/ask</c> URL the evaluator called.</summary>
    public required string AskUrl { get; init; }

    /// <summary>Measured calls (items × paraphrases × seeds; the warm-up pass is not counted here).</summary>
    public required int Calls { get; init; }

    public required int FailedCalls { get; init; }

    public required int Items { get; init; }

    public required int CompleteItems { get; init; }

    /// <summary>p95 over items of each item's worst paraphrase ΔS(question, retrieved).</summary>
    [JsonPropertyName("delta_s_p95")]
    public double? DeltaSP95 { get; init; }

    public double? CoverageMean { get; init; }

    /// <summary>Share of items λ-convergent on every seed.</summary>
    public double? LambdaConvergence { get; init; }

    /// <summary>The whole run, warm-up included.</summary>
    public required double Seconds { get; init; }

    /// <summary>The region's measurement; null when the coordinator did not measure it (no gold set, or the region never reached Warm Green).</summary>
    public static FleetWarm? Of(RegionProgress? region) =>
        region is { WarmEvaluation: { } e, Warm: { } gate }
            ? new FleetWarm
            {
                Verdict = gate.Verdict,
                Reason = gate.Reason,
                GoldSet = e.GoldSet,
                GoldSetFingerprint = e.GoldSetFingerprint,
                Embedder = e.Embedder,
                AskUrl = e.AskUrl,
                Calls = e.Calls,
                FailedCalls = e.FailedCalls,
                Items = e.Summary.Items + e.ErroredItems,
                CompleteItems = e.Summary.CompleteItems,
                DeltaSP95 = Round(e.Summary.DeltaSP95),
                CoverageMean = Round(e.Summary.CoverageMean),
                LambdaConvergence = Round(e.Summary.LambdaConvergence),
                Seconds = Math.Round(e.WallTime.TotalSeconds, 2),
            }
            : null;

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}
