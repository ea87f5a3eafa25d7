using Coordinator.Campaigns;
using Coordinator.Console.Rendering;

namespace Coordinator.ConsoleTests.Rendering;

public sealed class CampaignEventTextTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 1, 250, TimeSpan.Zero);

    private static CampaignChange Change(long version, params CampaignEvent[] events) => new()
    {
        Service = "rag-api",
        CampaignId = "cmp-1",
        Version = version,
        PreviousVersion = version - 1,
        At = At,
        State = CampaignState.Running,
        Events = [.. events],
    };

    private static CampaignEvent Hold(string region, GateVerdict verdict) => new()
    {
        Kind = CampaignEventKind.GateJudged,
        Region = region,
        Step = ChecklistStep.HoldAndWatch,
        Message = $"hold gate {verdict}",
        Gate = new GateResult { Kind = GateKind.Hold, Verdict = verdict, Metrics = [], AsOf = At, Reason = "r" },
    };

    [Fact]
    public void A_line_names_the_region_or_the_campaign_with_a_millisecond_clock()
    {
        var change = Change(2,
            new CampaignEvent { Kind = CampaignEventKind.StepFinished, Region = "eu-west", Step = ChecklistStep.Flip, Message = "flip done: flipped to Green at epoch 1" },
            new CampaignEvent { Kind = CampaignEventKind.Completed, Message = "completed: 1 region(s) on Green" });

        Assert.Equal(
            ["12:00:01.250Z eu-west: flip done: flipped to Green at epoch 1", "12:00:01.250Z campaign cmp-1: completed: 1 region(s) on Green"],
            CampaignEventText.Lines(change));
    }

    [Fact]
    public void The_log_filter_prints_a_hold_verdict_per_region_only_when_it_changes()
    {
        var filter = new CampaignEventText.Filter();

        var printed = new[]
        {
            Change(1, Hold("eu-west", GateVerdict.Inconclusive), Hold("us-east", GateVerdict.Inconclusive)),
            Change(2, Hold("eu-west", GateVerdict.Inconclusive)),
            Change(3, Hold("eu-west", GateVerdict.Pass), Hold("us-east", GateVerdict.Inconclusive)),
            Change(4, Hold("eu-west", GateVerdict.Pass)),
        }.Select(c => filter.Lines(c).Count()).ToList();

        Assert.Equal([2, 0, 1, 0], printed);
    }
}
