namespace Coordinator.Benchmarks;

/// <summary>How long and how much each figure runs: a full run, or a quick smoke run.</summary>
internal sealed record BenchProfile
{
    public required string Name { get; init; }

    public required TimeSpan Warmup { get; init; }

    /// <summary>
    /// The over-TCP throughput figures keep warming up (in windows of <see cref="Warmup"/>) until their
    /// rate stops climbing, at most this long.
    /// </summary>
    public required TimeSpan SettleLimit { get; init; }

    /// <summary>Measured window of the embedded flip figures.</summary>
    public required TimeSpan Window { get; init; }

    /// <summary>One measured round of the uncached-read figure; the median of <see cref="ReadRounds"/> is reported.</summary>
    public required TimeSpan ReadWindow { get; init; }

    public required int ReadRounds { get; init; }

    /// <summary>Measured window of the Azurite flip figures (slower storage, more noise per op).</summary>
    public required TimeSpan AzureWindow { get; init; }

    /// <summary>Sequential flips on one region stop here even if the window has time left.</summary>
    public required int MaxSequentialFlips { get; init; }

    /// <summary>Flips observed by the subscribed resolvers in the propagation figure.</summary>
    public required int PropagationFlips { get; init; }

    /// <summary>Flips of the edge figures 16b-c (back and forth under a closed loop through the edge).</summary>
    public required int EdgeFlips { get; init; }

    /// <summary>BenchmarkDotNet iterations of the cached-read figure.</summary>
    public required int MicroWarmupCount { get; init; }

    public required int MicroIterationCount { get; init; }

    public required TimeSpan MicroIterationTime { get; init; }

    /// <summary>The Stopwatch loop that cross-checks BenchmarkDotNet's cached-read figure.</summary>
    public required TimeSpan CrossCheck { get; init; }

    /// <summary>Whole campaigns run per campaign figure (9, 10); the p50 is reported.</summary>
    public required int CampaignRuns { get; init; }

    /// <summary>Runs of the evaluator over the shipped gold set in figures 17a-d; the median run is reported.</summary>
    public required int EvaluatorRuns { get; init; }

    /// <summary>Pointers registered by the end of each step of figures 18a-d (cumulative; multiples of 20 regions).</summary>
    public required int[] ScaleSteps { get; init; }

    /// <summary>Pointers whose first read after a deactivation is timed at each step (figure 18c).</summary>
    public required int ScaleColdSample { get; init; }

    /// <summary>Regions one resolver subscribes to in figures 18e-g, and the flips among them it must see.</summary>
    public required int ScaleResolverRegions { get; init; }

    public required int ScaleResolverFlips { get; init; }

    /// <summary>Regions of figure 18h's campaign (in <see cref="Figures.Catalog.ScaleWaves"/> waves).</summary>
    public required int ScaleCampaignRegions { get; init; }

    public static BenchProfile For(bool quick) => quick ? Quick : Full;

    public static readonly BenchProfile Full = new()
    {
        Name = "full",
        Warmup = TimeSpan.FromSeconds(1),
        SettleLimit = TimeSpan.FromSeconds(15),
        Window = TimeSpan.FromSeconds(5),
        ReadWindow = TimeSpan.FromSeconds(3),
        ReadRounds = 3,
        AzureWindow = TimeSpan.FromSeconds(10),
        MaxSequentialFlips = 2_000,
        PropagationFlips = 200,
        EdgeFlips = 100,
        MicroWarmupCount = 6,
        MicroIterationCount = 15,
        MicroIterationTime = TimeSpan.FromMilliseconds(250),
        CrossCheck = TimeSpan.FromSeconds(2),
        CampaignRuns = 5,
        EvaluatorRuns = 3,
        ScaleSteps = [1_000, 5_000, 10_000],
        ScaleColdSample = 200,
        ScaleResolverRegions = 1_000,
        ScaleResolverFlips = 20,
        ScaleCampaignRegions = 100,
    };

    public static readonly BenchProfile Quick = new()
    {
        Name = "quick",
        Warmup = TimeSpan.FromMilliseconds(300),
        SettleLimit = TimeSpan.FromSeconds(2),
        Window = TimeSpan.FromSeconds(1.5),
        ReadWindow = TimeSpan.FromSeconds(1.5),
        ReadRounds = 1,
        AzureWindow = TimeSpan.FromSeconds(3),
        MaxSequentialFlips = 500,
        PropagationFlips = 30,
        EdgeFlips = 20,
        MicroWarmupCount = 1,
        MicroIterationCount = 3,
        MicroIterationTime = TimeSpan.FromMilliseconds(100),
        CrossCheck = TimeSpan.FromMilliseconds(300),
        CampaignRuns = 1,
        EvaluatorRuns = 1,
        ScaleSteps = [100, 500, 1_000],
        ScaleColdSample = 50,
        ScaleResolverRegions = 100,
        ScaleResolverFlips = 10,
        ScaleCampaignRegions = 20,
    };
}
