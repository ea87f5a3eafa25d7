using System.Collections.Immutable;
using Coordinator.Campaigns;
using Coordinator.Client.Telemetry;

namespace Coordinator.Fleet;

/// <summary>
/// How one arm of one region behaves in the simulation: Blue is today's stack, Green is equal or a
/// little better unless an injection degrades it. Pure: all randomness comes from the caller's
/// seeded <see cref="Random"/>, so a run is reproducible.
/// </summary>
public sealed class SimulatedArm
{
    private const double Jitter = 0.03;

    private readonly Dictionary<FaultMetric, double> _faults;
    private readonly bool _green;

    public SimulatedArm(Arm arm, IEnumerable<FaultInjection>? faults = null)
    {
        _green = arm == Arm.Green;

        // Injections only ever degrade Green: Blue is the baseline the gates compare against.
        _faults = _green ? (faults ?? []).ToDictionary(f => f.Metric, f => f.Value) : [];
    }

    public bool IsDegraded => _faults.Count > 0;

    /// <summary>One served request as the service would record it.</summary>
    public RequestSample Request(Random random)
    {
        var factor = LatencyFactor;
        var retrieve = Between(random, 18, 34) * factor;
        var rerank = Between(random, 10, 22) * factor;
        var reason = Between(random, 60, 110) * factor;
        var flipped = random.NextDouble() < Rate(FaultMetric.LambdaFlipRate);
        var http5xx = random.NextDouble() < Rate(FaultMetric.Http5xxRate);
        return new RequestSample
        {
            Latency = TimeSpan.FromMilliseconds(retrieve + rerank + reason + Between(random, 2, 6)),
            RetrieveLatency = TimeSpan.FromMilliseconds(retrieve),
            RerankLatency = TimeSpan.FromMilliseconds(rerank),
            ReasonLatency = TimeSpan.FromMilliseconds(reason),
            Http5xx = http5xx,
            Error = http5xx || random.NextDouble() < Rate(FaultMetric.ErrorRate),
            DeltaS = DeltaS(random),
            Coverage = Coverage(random),
            Lambda = new LambdaObservation(Flipped: flipped, Convergent: !flipped),
            ToolLoop = random.NextDouble() < Rate(FaultMetric.ToolLoopRate),
        };
    }

    /// <summary>One gold question run on this arm: ΔS per paraphrase, coverage, λ per seed, latency.</summary>
    public SmokeItem GoldItem(Random random, string id, int paraphrases, int seeds)
    {
        var deltaS = Enumerable.Range(0, paraphrases).Select(_ => DeltaS(random)).ToImmutableList();
        var lambda = Enumerable.Range(0, seeds)
            .Select(_ => random.NextDouble() < Rate(FaultMetric.LambdaFlipRate) ? LambdaState.Divergent : LambdaState.Convergent)
            .ToImmutableList();
        return new SmokeItem
        {
            Id = id,
            DeltaS = deltaS,
            Coverage = Coverage(random),
            Lambda = lambda,
            LatencyMs = Math.Round(Request(random).Latency.TotalMilliseconds, 1),
        };
    }

    private double LatencyFactor => _faults.TryGetValue(FaultMetric.LatencyFactor, out var f) ? f : _green ? 0.95 : 1.0;

    private double Rate(FaultMetric metric) => _faults.GetValueOrDefault(metric);

    private double DeltaS(Random random) =>
        _faults.TryGetValue(FaultMetric.DeltaS, out var centre)
            ? Around(random, centre)
            : Between(random, 0.22, 0.36) - (_green ? 0.02 : 0);

    private double Coverage(Random random) =>
        _faults.TryGetValue(FaultMetric.Coverage, out var centre)
            ? Around(random, centre)
            : Between(random, 0.78, 0.92) + (_green ? 0.02 : 0);

    private static double Around(Random random, double centre) => Math.Clamp(centre + ((random.NextDouble() * 2) - 1) * Jitter, 0, 1);

    private static double Between(Random random, double low, double high) => low + (random.NextDouble() * (high - low));
}
