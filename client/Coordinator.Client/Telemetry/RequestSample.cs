namespace Coordinator.Client.Telemetry;

/// <summary>The λ state of one sampled request, as the service's evaluator judged it.</summary>
/// <param name="Flipped">The state flipped between seeds or paraphrases.</param>
/// <param name="Convergent">The state was convergent across the seeds run.</param>
public readonly record struct LambdaObservation(bool Flipped, bool Convergent);

/// <summary>
/// One served request as a <see cref="TelemetryReporter"/> records it. Only <see cref="Latency"/>
/// is required; quality signals are set on the requests a service samples for them.
/// </summary>
public readonly record struct RequestSample
{
    /// <summary>End-to-end latency.</summary>
    public required TimeSpan Latency { get; init; }

    /// <summary>Retrieval stage latency; null when the service does not time stages.</summary>
    public TimeSpan? RetrieveLatency { get; init; }
    /// <summary>Rerank stage latency; null when not timed.</summary>
    public TimeSpan? RerankLatency { get; init; }
    /// <summary>Reasoning (generation) stage latency; null when not timed.</summary>
    public TimeSpan? ReasonLatency { get; init; }

    /// <summary>The request failed. A 5xx counts as an error even when this is false.</summary>
    public bool Error { get; init; }

    /// <summary>The request ended in an HTTP 5xx; counted as an error too, and judged by the 5xx stop rule.</summary>
    public bool Http5xx { get; init; }

    /// <summary>ΔS(question, retrieved), between 0 and 1.</summary>
    public double? DeltaS { get; init; }

    /// <summary>Coverage, between 0 and 1.</summary>
    public double? Coverage { get; init; }

    /// <summary>λ across seeds or paraphrases; null when the request was not sampled for λ.</summary>
    public LambdaObservation? Lambda { get; init; }

    /// <summary>The request showed a tool-loop signal.</summary>
    public bool ToolLoop { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a negative latency or a score outside [0, 1].</summary>
    internal void Validate()
    {
        Duration(Latency, nameof(Latency));
        Duration(RetrieveLatency, nameof(RetrieveLatency));
        Duration(RerankLatency, nameof(RerankLatency));
        Duration(ReasonLatency, nameof(ReasonLatency));
        Score(DeltaS, nameof(DeltaS));
        Score(Coverage, nameof(Coverage));
    }

    private static void Duration(TimeSpan? value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative");
        }
    }

    private static void Score(double? value, string name)
    {
        if (value is { } v && !(v >= 0 && v <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between 0 and 1");
        }
    }
}
