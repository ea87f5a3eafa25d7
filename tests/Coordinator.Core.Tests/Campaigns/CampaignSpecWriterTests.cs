using System.Collections.Immutable;
using Coordinator.Campaigns;
using Coordinator.Campaigns.Json;
using static Coordinator.Core.Tests.Campaigns.CampaignSamples;

namespace Coordinator.Core.Tests.Campaigns;

public sealed class CampaignSpecWriterTests
{
    private static CampaignSpec Rich() => Spec() with
    {
        Hold = TimeSpan.FromSeconds(42.5),
        Approval = new ApprovalPolicy { Mode = ApprovalMode.Manual, RequireDistinctApprover = true },
        Fences = new FenceSpec { Writers = ["indexer"] },
        Gate = new GateThresholds { MaxDeltaS = 0.4, SmokeMaxP95LatencyMs = 800 },
        StopRules = new StopRules { MaxToolLoopSignals = 2 },
        Target = CampaignSamples.Target with { Labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("team", "search")]) },
        Waves =
        [
            Wave("canary", "eu-west") with { Hold = TimeSpan.Zero, Fences = new FenceSpec { ConsumerGroups = [] } },
            Wave(null, "us-east", "us-west") with
            {
                RegionFences = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("us-west", new FenceSpec { Writers = ["etl"] })]),
            },
        ],
    };

    [Fact]
    public void What_is_written_reads_back_as_the_same_spec()
    {
        var spec = Rich();

        var back = CampaignSpecReader.Read(CampaignSpecWriter.ToJson(spec), Regions);

        Assert.Empty(back.Errors);
        Assert.Equal(CampaignSpecWriter.ToJson(spec, indented: false), CampaignSpecWriter.ToJson(back.Spec!, indented: false));
        Assert.Equal(TimeSpan.Zero, back.Spec!.Waves[0].Hold);
        Assert.Equal(["etl"], back.Spec.Waves[1].RegionFences["us-west"].Writers!);
    }

    [Fact]
    public void Spelling_out_the_defaults_does_not_change_the_fingerprint()
    {
        var minimal = CampaignSpecReader.Read(MinimalJson, Regions).Spec!;
        var spelledOut = CampaignSpecReader.Read(CampaignSpecWriter.ToJson(minimal), Regions).Spec!;

        Assert.Contains("\"max_delta_s\": 0.45", CampaignSpecWriter.ToJson(minimal), StringComparison.Ordinal);
        Assert.Equal(CampaignSpecWriter.Fingerprint(minimal), CampaignSpecWriter.Fingerprint(spelledOut));
        Assert.Matches("^sha256:[0-9a-f]{64}$", CampaignSpecWriter.Fingerprint(minimal));
    }

    [Fact]
    public void Any_change_changes_the_fingerprint()
    {
        var spec = Rich();
        var fingerprint = CampaignSpecWriter.Fingerprint(spec);

        Assert.Equal(fingerprint, CampaignSpecWriter.Fingerprint(Rich()));
        Assert.NotEqual(fingerprint, CampaignSpecWriter.Fingerprint(spec with { Reason = "other" }));
        Assert.NotEqual(fingerprint, CampaignSpecWriter.Fingerprint(spec with { Gate = spec.Gate with { MinCoverage = 0.71 } }));
        Assert.NotEqual(fingerprint, CampaignSpecWriter.Fingerprint(spec with { Waves = spec.Waves.SetItem(1, spec.Waves[1] with { Regions = ["us-west", "us-east"] }) }));
        Assert.NotEqual(fingerprint, CampaignSpecWriter.Fingerprint(spec with { Target = spec.Target with { Labels = spec.Target.Labels.SetItem("team", "x") } }));
        Assert.NotEqual(fingerprint, CampaignSpecWriter.Fingerprint(spec with { ConsumerDrainTimeout = TimeSpan.FromSeconds(31) }));
    }

    [Fact]
    public void The_default_consumer_drain_is_left_out_so_older_specs_keep_their_fingerprint()
    {
        var spec = Rich();

        Assert.DoesNotContain("consumer_drain_seconds", CampaignSpecWriter.ToJson(spec, indented: false));
        Assert.Contains("\"consumer_drain_seconds\":90", CampaignSpecWriter.ToJson(spec with { ConsumerDrainTimeout = TimeSpan.FromSeconds(90) }, indented: false));
    }
}
