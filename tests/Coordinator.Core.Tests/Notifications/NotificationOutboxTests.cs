using Coordinator.Campaigns;
using Coordinator.Core.Tests.Campaigns;
using Coordinator.Notifications;

namespace Coordinator.Core.Tests.Notifications;

public sealed class NotificationOutboxTests
{
    private static readonly DateTimeOffset T0 = CampaignSamples.T0;

    private static CampaignStatus Campaign(string id, CampaignState state = CampaignState.Running, long version = 1) => new()
    {
        CampaignId = id,
        Service = "rag-api",
        State = state,
        CurrentWave = 0,
        WaveCount = 1,
        Regions = [new RegionProgress { Region = "eu-west", WaveIndex = 0, Fences = new RegionFences() }],
        StartedAt = T0,
        StartedBy = "alice",
        SpecFingerprint = "fp",
        Version = version,
    };

    /// <summary>A start then a completion per campaign: two notifications each.</summary>
    private static CutoverState Campaigns(CutoverState state, int count, int from = 0)
    {
        for (var i = from; i < from + count; i++)
        {
            // A start builds a fresh state, as CampaignMachine.Start does: the outbox must survive it.
            state = NotificationOutbox.Record(state, new CutoverState { Current = Campaign($"cmp-{i}") }, T0.AddMinutes(i));
            state = NotificationOutbox.Record(state, state with { Current = Campaign($"cmp-{i}", CampaignState.Completed, 2) }, T0.AddMinutes(i));
        }

        return state;
    }

    [Fact]
    public void The_outbox_survives_a_save_that_rebuilds_the_state_and_sequences_keep_counting()
    {
        var state = Campaigns(new CutoverState(), 2);

        Assert.Equal([1L, 2, 3, 4], state.Notifications.Select(n => n.Sequence));
        Assert.Equal(
            [NotificationKind.Started, NotificationKind.Completed, NotificationKind.Started, NotificationKind.Completed],
            state.Notifications.Select(n => n.Kind));
        Assert.Equal("rag-api/cmp-1/3", state.Notifications[2].EventId);
    }

    [Fact]
    public void A_save_that_leaves_the_campaign_alone_adds_nothing_but_keeps_the_outbox()
    {
        var state = Campaigns(new CutoverState(), 1);

        var next = NotificationOutbox.Record(state, state with { ApprovalFor = "eu-west", Notifications = [], NotificationSequence = 0 }, T0);

        Assert.Equal(state.Notifications, next.Notifications);
        Assert.Equal(2, next.NotificationSequence);
        Assert.Equal("eu-west", next.ApprovalFor);
    }

    [Fact]
    public void Past_its_capacity_the_outbox_evicts_the_oldest_and_the_page_says_what_is_kept()
    {
        var runs = (NotificationOutbox.Capacity / 2) + 3;
        var state = Campaigns(new CutoverState(), runs);

        var total = runs * 2L;
        Assert.Equal(NotificationOutbox.Capacity, state.Notifications.Count);
        Assert.Equal(total, state.NotificationSequence);
        var page = NotificationOutbox.Page(state, 0, 10);
        Assert.Equal(total - NotificationOutbox.Capacity + 1, page.FirstKept);
        Assert.Equal(total, page.LastSequence);
        Assert.Equal(Enumerable.Range((int)page.FirstKept, 10).Select(i => (long)i), page.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public void A_page_starts_after_the_cursor_and_an_empty_outbox_points_past_its_last_sequence()
    {
        var empty = NotificationOutbox.Page(new CutoverState(), 0, 10);
        Assert.Equal((0, 1L, 0L), (empty.Entries.Count, empty.FirstKept, empty.LastSequence));

        var state = Campaigns(new CutoverState(), 3);
        var page = NotificationOutbox.Page(state, 4, 10);
        Assert.Equal([5L, 6], page.Entries.Select(e => e.Sequence));
        Assert.Equal(1, page.FirstKept);
    }

    [Fact]
    public void A_long_message_is_cut_to_the_limit()
    {
        var before = new CutoverState { Current = Campaign("cmp-1") };
        var after = before with { Current = Campaign("cmp-1", CampaignState.WaitingForApproval, 2) with { Reason = new string('x', 5000) } };

        var waiting = Assert.Single(NotificationOutbox.Record(before, after, T0).Notifications);

        Assert.Equal(NotificationKind.WaitingForOperator, waiting.Kind);
        Assert.Equal(NotificationOutbox.MaxMessageLength, waiting.Message.Length);
        Assert.EndsWith("…", waiting.Message, StringComparison.Ordinal);
    }
}
