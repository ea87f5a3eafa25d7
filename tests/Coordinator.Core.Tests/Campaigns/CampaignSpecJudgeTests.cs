using System.Text.Json.Nodes;
using Coordinator.Campaigns;
using Coordinator.Campaigns.Json;
using static Coordinator.Core.Tests.Campaigns.CampaignSamples;

namespace Coordinator.Core.Tests.Campaigns;

/// <summary>The spec's <c>judge</c> section: read, validated by JSON path, written only when it says something.</summary>
public sealed class CampaignSpecJudgeTests
{
    private static CampaignSpecReadResult ReadWithJudge(string judge)
    {
        var root = JsonNode.Parse(MinimalJson)!.AsObject();
        root["judge"] = JsonNode.Parse(judge);
        return CampaignSpecReader.Read(root.ToJsonString(), Regions);
    }

    [Fact]
    public void A_spec_without_a_judge_leaves_thresholds_deciding_and_keeps_its_fingerprint()
    {
        var spec = CampaignSpecReader.Read(MinimalJson, Regions).Spec!;
        var judged = spec with { Judge = JudgeSpec.Default with { LatencyP95 = JudgeMode.Both } };

        Assert.Equal(JudgeSpec.Default, spec.Judge);
        Assert.Equal((JudgeMode.Threshold, JudgeMode.Threshold, 0.01, 50L), (spec.Judge.LatencyP95, spec.Judge.DeltaSP95, spec.Judge.Alpha, spec.Judge.MinPoints));
        Assert.DoesNotContain("judge", CampaignSpecWriter.ToJson(spec), StringComparison.Ordinal);
        Assert.Equal(CampaignSpecWriter.Fingerprint(spec), CampaignSpecWriter.Fingerprint(spec with { Judge = JudgeSpec.Default }));
        Assert.NotEqual(CampaignSpecWriter.Fingerprint(spec), CampaignSpecWriter.Fingerprint(judged));
    }

    [Fact]
    public void Every_judge_value_is_read_and_written_back()
    {
        var spec = ReadWithJudge("""{ "latency_p95_ms": "both", "delta_s_p95": "judge", "alpha": 0.05, "min_points": 80 }""").Spec!;
        var again = CampaignSpecReader.Read(CampaignSpecWriter.ToJson(spec), Regions).Spec!;

        Assert.Equal(new JudgeSpec { LatencyP95 = JudgeMode.Both, DeltaSP95 = JudgeMode.Judge, Alpha = 0.05, MinPoints = 80 }, spec.Judge);
        Assert.Equal(spec.Judge, again.Judge);
        Assert.Equal(CampaignSpecWriter.Fingerprint(spec), CampaignSpecWriter.Fingerprint(again));
    }

    [Fact]
    public void Bad_judge_values_are_reported_at_their_paths_all_at_once()
    {
        var result = ReadWithJudge("""{ "latency_p95_ms": "sometimes", "delta_s_p95": "Both", "alpha": 0, "min_points": 5, "beta": 1 }""");

        Assert.Null(result.Spec);
        Assert.Equal(
            ["$.judge.alpha", "$.judge.beta", "$.judge.delta_s_p95", "$.judge.latency_p95_ms", "$.judge.min_points"],
            result.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Equal("must be 'threshold', 'judge' or 'both' (got 'sometimes')", result.Errors.Single(e => e.Field == "$.judge.latency_p95_ms").Reason);
        Assert.Contains("between 0.000001 and 0.5", result.Errors.Single(e => e.Field == "$.judge.alpha").Reason, StringComparison.Ordinal);
        Assert.Contains("between 10 and", result.Errors.Single(e => e.Field == "$.judge.min_points").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_judge_of_the_wrong_type_is_reported_at_its_path()
    {
        var result = ReadWithJudge("""{ "alpha": "small", "min_points": 1.5 }""");

        Assert.Null(result.Spec);
        Assert.Contains(result.Errors, e => e.Field == "$.judge.alpha");
        Assert.Contains(result.Errors, e => e.Field == "$.judge.min_points");
    }

    [Fact]
    public void A_spec_over_the_wire_with_an_undefined_mode_or_no_judge_is_refused_by_path()
    {
        var errors = CampaignSpecValidator.Validate(Spec() with { Judge = JudgeSpec.Default with { DeltaSP95 = (JudgeMode)7 } }, Regions);
        var missing = CampaignSpecValidator.Validate(Spec() with { Judge = null! }, Regions);

        Assert.Equal("$.judge.delta_s_p95", Assert.Single(errors).Field);
        Assert.Equal("$.judge", Assert.Single(missing).Field);
    }

    [Fact]
    public void The_example_spec_judges_latency_by_both_and_delta_s_by_threshold()
    {
        var example = CampaignSpecReader.ReadFile(RepoFile("infra/campaigns/example.json"), Regions).Spec!;

        Assert.Equal((JudgeMode.Both, JudgeMode.Threshold), (example.Judge.LatencyP95, example.Judge.DeltaSP95));
    }
}
