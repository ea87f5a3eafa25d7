namespace Coordinator.Client.Telemetry;

/// <summary>
/// Quality measured on one answer whose request was already reported by whoever served or proxied it
/// (an edge): a client that knows what the question was after judges the answer it got. Recorded with
/// <see cref="TelemetryReporter.RecordQuality(ActiveArm, QualitySample)"/>, it adds quality samples to the
/// arm's window without counting a request a second time. At least one signal must be set.
/// </summary>
public readonly record struct QualitySample
{
    /// <summary>ΔS(question, retrieved), between 0 and 1.</summary>
    public double? DeltaS { get; init; }

    /// <summary>Coverage, between 0 and 1.</summary>
    public double? Coverage { get; init; }

    /// <summary>λ of the answer against earlier answers to the same question; null when not judged.</summary>
    public LambdaObservation? Lambda { get; init; }

    /// <summary>The answer showed a tool-loop signal.</summary>
    public bool ToolLoop { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a score outside [0, 1] and <see cref="ArgumentException"/> when no signal is set.</summary>
    internal void Validate()
    {
        new RequestSample { Latency = TimeSpan.Zero, DeltaS = DeltaS, Coverage = Coverage }.Validate();
        if (DeltaS is null && Coverage is null && Lambda is null && !ToolLoop)
        {
            throw new ArgumentException("a quality sample needs at least one of DeltaS, Coverage, Lambda or ToolLoop");
        }
    }
}
