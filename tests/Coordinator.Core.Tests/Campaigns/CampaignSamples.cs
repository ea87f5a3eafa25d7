using System.Collections.Immutable;
using Coordinator.Campaigns;

namespace Coordinator.Core.Tests.Campaigns;

internal static class CampaignSamples
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlySet<string> Regions =
        new HashSet<string>(["eu-west", "us-east", "us-west", "ap-south", "eu-north"], StringComparer.Ordinal);

    public static ArmManifest Target => Samples.Manifest("idx-green");

    public static WaveSpec Wave(string? name, params string[] regions) => new() { Name = name, Regions = [.. regions] };

    /// <summary>A valid 3-wave, 5-region spec with the seed's defaults.</summary>
    public static CampaignSpec Spec() => new()
    {
        Service = "rag-api",
        CampaignId = "rag-api-green-42",
        Target = Target,
        Waves = [Wave("canary", "eu-west"), Wave(null, "us-east", "us-west"), Wave(null, "ap-south", "eu-north")],
        Operator = "alice",
        Reason = "prompt 42",
    };

    /// <summary>A valid spec as JSON, with only the required keys.</summary>
    public const string MinimalJson = """
        {
          "version": 1,
          "campaign_id": "rag-api-green-42",
          "service": "rag-api",
          "operator": "alice",
          "reason": "prompt 42",
          "target": {
            "index_hash": "idx-green",
            "embed_schema": "e5-large:v2",
            "rerank_conf": "bge-rerank@3",
            "prompt_ver": "prompt-12",
            "model_ver": "gpt-x-2026-10",
            "secrets_fingerprint": "sha256:1d2bd2e9f0e3b3a1b7b2f3b6c1f1d1d3e8e4d4a7c6b5a4f3e2d1c0b9a8f7e6d5",
            "consumer_ver": "consumer-7"
          },
          "waves": [
            { "name": "canary", "regions": ["eu-west"] },
            { "regions": ["us-east", "us-west"] },
            { "regions": ["ap-south", "eu-north"] }
          ]
        }
        """;

    public static PinnedVersions GreenVersions => PinnedVersions.Of(Target);

    /// <summary>A healthy window: plenty of samples, every number well inside its target.</summary>
    public static TelemetryWindow Window(Arm arm) => new()
    {
        Service = "rag-api",
        Region = "eu-west",
        Arm = arm,
        Versions = arm == Arm.Green ? GreenVersions : PinnedVersions.Of(Samples.Manifest("idx-blue")),
        From = T0,
        To = T0.AddMinutes(1),
        RequestCount = 1000,
        ErrorCount = 2,
        Http5xxCount = 1,
        Latency = new LatencyStats { P50Ms = 200, P95Ms = 400 },
        RetrieveLatency = new LatencyStats { P50Ms = 50, P95Ms = 110 },
        RerankLatency = new LatencyStats { P50Ms = 40, P95Ms = 80 },
        ReasonLatency = new LatencyStats { P50Ms = 110, P95Ms = 210 },
        DeltaSMean = 0.25,
        DeltaSP95 = 0.38,
        DeltaSSamples = 100,
        CoverageMean = 0.80,
        CoverageSamples = 100,
        LambdaFlipRate = 0.05,
        LambdaConvergent = true,
        LambdaSamples = 100,
    };

    public static SmokeItem Item(string id, double deltaS = 0.30, double coverage = 0.80, int paraphrases = 3, int seeds = 2, double latencyMs = 300) => new()
    {
        Id = id,
        DeltaS = [.. Enumerable.Repeat(deltaS, paraphrases)],
        Coverage = coverage,
        Lambda = [.. Enumerable.Repeat(LambdaState.Convergent, seeds)],
        LatencyMs = latencyMs,
    };

    public static SmokeReport Smoke(int items = 20) => Smoke(Enumerable.Range(1, items).Select(i => Item($"q-{i:00}")));

    public static SmokeReport Smoke(IEnumerable<SmokeItem> items) => new()
    {
        Service = "rag-api",
        Region = "eu-west",
        Versions = GreenVersions,
        SubmittedAt = T0,
        Evaluator = "gold-eval",
        Items = [.. items],
    };

    public static SmokeReport Replace(SmokeReport report, int index, Func<SmokeItem, SmokeItem> change) =>
        report with { Items = report.Items.SetItem(index, change(report.Items[index])) };

    /// <summary>A file of the repository, found by walking up from the test's output folder.</summary>
    public static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coordinator.sln")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        throw new InvalidOperationException("Coordinator.sln not found above " + AppContext.BaseDirectory);
    }

    public static ImmutableList<string> Fields(IEnumerable<FieldError> errors) => [.. errors.Select(e => e.Field)];
}
