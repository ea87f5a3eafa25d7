using Coordinator.Campaigns;
using Coordinator.Campaigns.Machine;

namespace Coordinator.Core.Tests.Campaigns.Machine;

internal static class MachineSamples
{
    public static readonly ArmManifest Blue = Samples.Manifest("idx-blue");

    public static readonly ArmManifest Green = Samples.Manifest("idx-green") with { ConsumerVer = "consumer-8" };

    public static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);

    public static RegionWorld World() => new(Blue, Green, [.. MachineDriver.Registered]);

    /// <summary>Canary eu-west, then us-east with us-west; one writer and one consumer group fenced everywhere.</summary>
    public static CampaignSpec Spec(ApprovalMode approval = ApprovalMode.Automatic) => new()
    {
        Service = "rag-api",
        CampaignId = "cmp-1",
        Target = Green,
        Waves = [CampaignSamples.Wave("canary", "eu-west"), CampaignSamples.Wave(null, "us-east", "us-west")],
        Fences = new FenceSpec { Writers = ["indexer"], ConsumerGroups = ["webhooks"] },
        Hold = Hold,
        Approval = new ApprovalPolicy { Mode = approval, RequireDistinctApprover = true },
        Operator = "alice",
        Reason = "index rebuilt",
    };

    public static SmokeReport Smoke(string region) => CampaignSamples.Smoke() with { Region = region };

    /// <summary>Answers every region that waits in Warm Green with a passing smoke report.</summary>
    public static void AnswerWarm(MachineDriver driver, Func<string, SmokeReport>? report = null)
    {
        foreach (var region in driver.Status.Regions.Where(r => r.Outcome == RegionOutcome.InProgress && r.Step == ChecklistStep.WarmGreen))
        {
            if (!driver.State.SmokeReports.TryGetValue(region.Region, out var received) || received.ReceivedAt < region.StepStartedAt)
            {
                driver.Command(s => CampaignMachine.SubmitSmokeReport(s, "cmp-1", (report ?? Smoke)(region.Region), driver.Now));
            }
        }
    }

    /// <summary>Runs the campaign, answering Warm Green as an evaluator would, until it satisfies the condition.</summary>
    public static CampaignStatus RunUntil(MachineDriver driver, Func<CampaignStatus, bool> condition, string expected, Func<string, SmokeReport>? report = null)
    {
        for (var tick = 0; tick < 2000; tick++)
        {
            if (condition(driver.Status))
            {
                return driver.Status;
            }

            AnswerWarm(driver, report);
            driver.Tick();
            driver.Now += TimeSpan.FromSeconds(1);
        }

        throw new Xunit.Sdk.XunitException($"still waiting for {expected}; the campaign is {driver.Status.State} ({driver.Status.Reason})");
    }
}
