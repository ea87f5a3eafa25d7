using System.Collections.Immutable;
using Coordinator.Campaigns;
using static Coordinator.Core.Tests.Campaigns.CampaignSamples;

namespace Coordinator.Core.Tests.Campaigns;

public sealed class CampaignSpecValidatorTests
{
    private static FieldError Only(CampaignSpec spec, string field)
    {
        var errors = CampaignSpecValidator.Validate(spec, Regions);
        return Assert.Single(errors, e => e.Field == field);
    }

    [Fact]
    public void A_valid_spec_has_no_errors() =>
        Assert.Empty(CampaignSpecValidator.Validate(Spec(), Regions));

    [Fact]
    public void An_unregistered_region_is_named_with_the_registered_ones()
    {
        var spec = Spec() with { Waves = [Wave(null, "eu-west"), Wave(null, "us-east", "mars-1")] };

        var error = Assert.Single(CampaignSpecValidator.Validate(spec, Regions));

        Assert.Equal("$.waves[1].regions[1]", error.Field);
        Assert.Contains("'mars-1' is not a registered region of service 'rag-api'", error.Reason, StringComparison.Ordinal);
        Assert.Contains("ap-south, eu-north, eu-west, us-east, us-west", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_is_not_checked_by_the_shape_check()
    {
        var spec = Spec() with { Waves = [Wave(null, "mars-1")] };

        Assert.Empty(CampaignSpecValidator.ValidateShape(spec));
        Assert.NotEmpty(CampaignSpecValidator.Validate(spec, new HashSet<string>()));
    }

    [Fact]
    public void A_region_in_two_waves_or_twice_in_one_is_reported_where_it_repeats()
    {
        var spec = Spec() with { Waves = [Wave(null, "eu-west"), Wave(null, "us-east", "us-east"), Wave(null, "eu-west")] };

        var errors = CampaignSpecValidator.Validate(spec, Regions);

        Assert.Equal(["$.waves[1].regions[1]", "$.waves[2].regions[0]"], Fields(errors));
        Assert.Contains("already in $.waves[0].regions[0]", errors[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void No_waves_and_empty_waves_are_errors()
    {
        Assert.Equal("must list at least one wave", Only(Spec() with { Waves = [] }, "$.waves").Reason);
        Assert.Equal("must list at least one region", Only(Spec() with { Waves = [Wave(null, "eu-west"), Wave(null)] }, "$.waves[1].regions").Reason);
    }

    [Fact]
    public void Every_threshold_and_stop_rule_out_of_range_is_reported_with_its_range()
    {
        var spec = Spec() with
        {
            Gate = new GateThresholds
            {
                MaxDeltaS = 1.5, Paraphrases = 0, MinCoverage = -0.1, LambdaSeeds = 1, MinSmokeLambdaConvergence = 2, MaxLambdaFlipIncrease = -1,
                MaxP95LatencyIncrease = 11, MaxErrorRate = double.NaN, MinSmokeItems = 0, MinWindowRequests = 0, MinQualitySamples = -5,
                SmokeMaxP95LatencyMs = 0,
            },
            StopRules = new StopRules { MaxDeltaSP95Drift = 2, MinCoverage = -1, MaxLambdaFlipRate = 1.1, Max5xxRate = -0.01, MaxToolLoopSignals = -1 },
        };

        var errors = CampaignSpecValidator.Validate(spec, Regions);

        Assert.Equal(
            [
                "$.gate.lambda_seeds", "$.gate.max_delta_s", "$.gate.max_error_rate", "$.gate.max_lambda_flip_increase", "$.gate.max_p95_latency_increase",
                "$.gate.min_coverage", "$.gate.min_quality_samples", "$.gate.min_smoke_items", "$.gate.min_smoke_lambda_convergence",
                "$.gate.min_window_requests", "$.gate.paraphrases", "$.gate.smoke_max_p95_latency_ms",
                "$.stop_rules.max_5xx_rate", "$.stop_rules.max_delta_s_p95_drift", "$.stop_rules.max_lambda_flip_rate",
                "$.stop_rules.max_tool_loop_signals", "$.stop_rules.min_coverage",
            ],
            Fields(errors).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.StartsWith("must be between ", e.Reason, StringComparison.Ordinal));
        Assert.Equal("must be between 0 and 1 (got 1.5)", errors.Single(e => e.Field == "$.gate.max_delta_s").Reason);
        Assert.Equal("must be between 2 and 10 (got 1)", errors.Single(e => e.Field == "$.gate.lambda_seeds").Reason);
    }

    [Fact]
    public void Range_edges_are_allowed()
    {
        var spec = Spec() with
        {
            Hold = TimeSpan.Zero,
            Waves = [Wave(null, "eu-west") with { Hold = TimeSpan.FromHours(24) }],
            Gate = new GateThresholds { MaxDeltaS = 1, Paraphrases = 10, MinCoverage = 0, LambdaSeeds = 2, MinSmokeItems = 1000 },
            StopRules = new StopRules { MinCoverage = 0, Max5xxRate = 1, MaxToolLoopSignals = 1_000_000 },
        };

        Assert.Empty(CampaignSpecValidator.Validate(spec, Regions));
    }

    [Fact]
    public void A_stop_coverage_above_the_pass_coverage_is_refused()
    {
        var spec = Spec() with { Gate = new GateThresholds { MinCoverage = 0.6 }, StopRules = new StopRules { MinCoverage = 0.65 } };

        Assert.Contains("$.gate.min_coverage (0.6)", Only(spec, "$.stop_rules.min_coverage").Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(86_401)]
    public void Holds_and_smoke_deadlines_out_of_range_are_reported_per_wave_and_campaign(int seconds)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        var spec = Spec() with
        {
            Hold = duration,
            SmokeDeadline = duration,
            Waves = [Wave(null, "eu-west"), Wave(null, "us-east") with { Hold = duration }],
        };

        var errors = CampaignSpecValidator.Validate(spec, Regions);

        Assert.Equal(["$.hold_seconds", "$.smoke_deadline_seconds", "$.waves[1].hold_seconds"], Fields(errors));
        Assert.Contains("between 0 and 86400 seconds", errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("between 1 and 86400 seconds", errors[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_smoke_deadline_is_refused_but_a_zero_hold_is_not()
    {
        Assert.Empty(CampaignSpecValidator.Validate(Spec() with { Hold = TimeSpan.Zero }, Regions));
        Only(Spec() with { SmokeDeadline = TimeSpan.Zero }, "$.smoke_deadline_seconds");
    }

    [Fact]
    public void Missing_and_invalid_manifest_fields_are_reported_under_target()
    {
        var spec = Spec() with { Target = CampaignSamples.Target with { IndexHash = "", ModelVer = "gpt x", SecretsFingerprint = "hunter2" } };

        var errors = CampaignSpecValidator.Validate(spec, Regions);

        Assert.Equal(["$.target.index_hash", "$.target.model_ver", "$.target.secrets_fingerprint"], Fields(errors));
        Assert.DoesNotContain("hunter2", errors[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_names_are_reported_by_path()
    {
        var spec = Spec() with
        {
            Service = "Rag API",
            CampaignId = "",
            Operator = " ",
            Reason = "line\nbreak",
            Fences = new FenceSpec { Writers = ["indexer", "Indexer", "indexer"], ConsumerGroups = ["-webhooks"] },
            Waves =
            [
                Wave("Canary", "eu-west"),
                Wave("two", "EU_NORTH") with { Fences = new FenceSpec { Writers = [""] } },
                Wave("two", "us-east") with
                {
                    RegionFences = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
                        KeyValuePair.Create("us-west", new FenceSpec()),
                        KeyValuePair.Create("us-east", new FenceSpec { ConsumerGroups = ["ok", "not ok"] }),
                    ]),
                },
            ],
        };

        var errors = CampaignSpecValidator.Validate(spec, Regions);

        Assert.Equal(
            [
                "$.campaign_id", "$.fences.consumer_groups[0]", "$.fences.writers[1]", "$.fences.writers[2]", "$.operator", "$.reason", "$.service",
                "$.waves[0].name", "$.waves[1].fences.writers[0]", "$.waves[1].regions[0]", "$.waves[2].name",
                "$.waves[2].region_fences['us-east'].consumer_groups[1]", "$.waves[2].region_fences['us-west']",
            ],
            Fields(errors).Order(StringComparer.Ordinal));
        Assert.Contains("already listed at $.fences.writers[0]", errors.Single(e => e.Field == "$.fences.writers[2]").Reason, StringComparison.Ordinal);
        Assert.Contains("already the name of $.waves[1]", errors.Single(e => e.Field == "$.waves[2].name").Reason, StringComparison.Ordinal);
        Assert.Contains("not a region of this wave", errors.Single(e => e.Field == "$.waves[2].region_fences['us-west']").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Everything_wrong_is_reported_at_once()
    {
        var spec = Spec() with
        {
            Version = 2,
            Service = "",
            Hold = TimeSpan.FromDays(2),
            Gate = new GateThresholds { MaxDeltaS = 3 },
            Target = CampaignSamples.Target with { ConsumerVer = "" },
            Waves = [Wave(null, "eu-west"), Wave(null), Wave(null, "mars-1", "eu-west")],
        };

        var errors = CampaignSpecValidator.Validate(spec, Regions);

        Assert.Equal(
            ["$.version", "$.service", "$.target.consumer_ver", "$.hold_seconds", "$.gate.max_delta_s", "$.waves[1].regions", "$.waves[2].regions[0]", "$.waves[2].regions[1]"],
            Fields(errors));
    }

    [Fact]
    public void Too_many_waves_and_regions_are_refused()
    {
        var waves = Enumerable.Range(0, CampaignLimits.MaxWaves + 1).Select(i => Wave(null, $"r-{i}")).ToImmutableList();
        var known = waves.SelectMany(w => w.Regions).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("at most 100 waves", Assert.Single(CampaignSpecValidator.Validate(Spec() with { Waves = waves }, known)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_parts_from_the_wire_are_reported_not_thrown()
    {
        var spec = Spec() with { Gate = null!, StopRules = null!, Approval = null!, Fences = null!, Target = null!, Waves = [null!] };

        var errors = CampaignSpecValidator.Validate(spec, Regions);

        Assert.Equal(["$.target", "$.fences", "$.gate", "$.stop_rules", "$.approval", "$.waves[0]"], Fields(errors));
        Assert.Equal("$", Assert.Single(CampaignSpecValidator.Validate(null, Regions)).Field);
    }

    [Fact]
    public void Throw_if_invalid_carries_every_error()
    {
        var spec = Spec() with { Service = "", Waves = [] };

        var ex = Assert.Throws<InvalidInputException>(() => CampaignSpecValidator.ThrowIfInvalid(spec, Regions));

        Assert.Equal(["$.service", "$.waves"], Fields(ex.Errors));
    }
}
