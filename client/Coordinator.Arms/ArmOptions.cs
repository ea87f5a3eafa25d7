namespace Coordinator.Arms;

/// <summary>
/// How one arm is built and how it is degraded. Degradation is by configuration only: a smaller index,
/// real added time in a stage, real error responses; the arm never rewrites the numbers it reports.
/// </summary>
public sealed record ArmOptions
{
    /// <summary>The arm's name: the <c>arm</c> field of every answer and the <c>x-arm-name</c> header (lowercase letters, digits, '-').</summary>
    public required string Name { get; init; }

    /// <summary>Which build the arm runs.</summary>
    public ArmBuild Build { get; init; }

    /// <summary>The share of the corpus's passages left out of the index, in [0, 0.9]; the passages are chosen by <see cref="DropSeed"/>.</summary>
    public double DropFraction { get; init; }

    /// <summary>Chooses which passages <see cref="DropFraction"/> leaves out; the same seed leaves out the same ones.</summary>
    public int DropSeed { get; init; } = 1;

    /// <summary>Milliseconds added to the retrieve stage of every answer (0 to 60000).</summary>
    public int RetrieveDelayMs { get; init; }

    /// <summary>Milliseconds added to the rerank stage of every answer (0 to 60000).</summary>
    public int RerankDelayMs { get; init; }

    /// <summary>Milliseconds added to the reason stage of every answer (0 to 60000).</summary>
    public int ReasonDelayMs { get; init; }

    /// <summary>The share of valid <c>/ask</c> requests answered with <see cref="FaultStatus"/>, in [0, 1]; which ones is decided by <see cref="FaultSeed"/> and the request's ordinal.</summary>
    public double FaultFraction { get; init; }

    /// <summary>Chooses which requests fail; the same seed fails the same ordinals.</summary>
    public int FaultSeed { get; init; } = 1;

    /// <summary>The status of a failed request (500 to 599).</summary>
    public int FaultStatus { get; init; } = 500;

    /// <summary>Whether <c>GET /healthz</c> answers 200 (true) or 503 at start; <see cref="ArmServer.Healthy"/> changes it later.</summary>
    public bool Healthy { get; init; } = true;

    /// <summary>Passages returned when a request names no <c>top_k</c> (1 to <see cref="MaxTopK"/>).</summary>
    public int DefaultTopK { get; init; } = 3;

    /// <summary>The largest <c>top_k</c> a request may ask for (1 to 50).</summary>
    public int MaxTopK { get; init; } = 10;

    /// <summary>Blue with no degradation, named "blue".</summary>
    public static ArmOptions ForBlue() => new() { Name = "blue", Build = ArmBuild.Blue };

    /// <summary>Green with no degradation, named "green".</summary>
    public static ArmOptions ForGreen() => new() { Name = "green", Build = ArmBuild.Green };

    /// <summary>The default options for a build.</summary>
    public static ArmOptions For(ArmBuild build) => build == ArmBuild.Blue ? ForBlue() : ForGreen();
}
