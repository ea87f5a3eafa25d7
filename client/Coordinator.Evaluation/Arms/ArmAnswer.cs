namespace Coordinator.Evaluation.Arms;

/// <summary>One passage an arm retrieved (the arm contract's <c>passages[]</c>).</summary>
/// <param name="Id">The passage id.</param>
/// <param name="Section">The passage's section id.</param>
/// <param name="Text">The passage's text.</param>
public sealed record ArmPassage(string Id, string Section, string Text);

/// <summary>Milliseconds an arm spent in each stage (the arm contract's <c>timings_ms</c>).</summary>
/// <param name="Retrieve">Searching the index.</param>
/// <param name="Rerank">Rescoring the candidates.</param>
/// <param name="Reason">Composing the answer.</param>
public sealed record ArmStageTimings(double Retrieve, double Rerank, double Reason);

/// <summary>An arm's answer to <c>POST /ask</c>, with the round trip the evaluator measured.</summary>
/// <param name="Answer">The composed answer.</param>
/// <param name="Passages">The retrieved passages, best first.</param>
/// <param name="Timings">Per-stage milliseconds as the arm reported them.</param>
/// <param name="IndexHash">The index the arm answered from; null when it did not say.</param>
/// <param name="PromptVer">The prompt version; null when it did not say.</param>
/// <param name="RoundTripMs">Request sent to response read, measured by the evaluator.</param>
public sealed record ArmAnswer(
    string Answer,
    IReadOnlyList<ArmPassage> Passages,
    ArmStageTimings Timings,
    string? IndexHash,
    string? PromptVer,
    double RoundTripMs);

/// <summary>Why a call to an arm failed.</summary>
public enum ArmCallErrorKind
{
    /// <summary>No answer within the per-call timeout.</summary>
    Timeout,

    /// <summary>An HTTP status other than 200.</summary>
    Status,

    /// <summary>A 200 whose body is not the arm contract's answer.</summary>
    Malformed,

    /// <summary>The connection failed (refused, reset, DNS).</summary>
    Transport,
}

/// <summary>A failed call, after every allowed attempt.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Message">What went wrong, naming the status or the field.</param>
/// <param name="Attempts">Attempts made.</param>
public sealed record ArmCallError(ArmCallErrorKind Kind, string Message, int Attempts)
{
    /// <summary>"timeout: ..." and the like, for reports.</summary>
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}: {Message}" + (Attempts > 1 ? $" (after {Attempts} attempts)" : string.Empty);
}
