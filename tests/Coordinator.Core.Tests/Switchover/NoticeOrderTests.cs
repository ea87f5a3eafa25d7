using Coordinator.Switchover;

namespace Coordinator.Core.Tests.Switchover;

public sealed class NoticeOrderTests
{
    private static ActiveArmView View(long epoch, Arm active = Arm.Blue, bool withManifests = true) => new()
    {
        Service = "rag-api",
        Region = "eu-west",
        ActiveArm = active,
        Epoch = epoch,
        Blue = withManifests ? Samples.Manifest("idx-blue") : null,
        Green = withManifests ? Samples.Manifest("idx-green") : null,
    };

    [Fact]
    public void The_first_view_a_reader_hears_of_wins() =>
        Assert.Equal(NoticeVerdict.Advance, NoticeOrder.Judge(null, View(0)));

    [Fact]
    public void A_higher_epoch_wins() =>
        Assert.Equal(NoticeVerdict.Advance, NoticeOrder.Judge(View(3, Arm.Green), View(4, Arm.Blue)));

    [Fact]
    public void A_notice_that_arrives_late_with_a_lower_epoch_is_stale() =>
        Assert.Equal(NoticeVerdict.Stale, NoticeOrder.Judge(View(4, Arm.Blue), View(3, Arm.Green)));

    [Fact]
    public void The_same_notice_twice_is_a_duplicate_and_changes_nothing()
    {
        var view = View(4, Arm.Green);
        Assert.Equal(NoticeVerdict.Same, NoticeOrder.Judge(view, view with { }));
    }

    [Fact]
    public void At_the_same_epoch_only_the_first_manifest_of_the_active_arm_wins()
    {
        Assert.Equal(NoticeVerdict.Advance, NoticeOrder.Judge(View(0, withManifests: false), View(0)));
        Assert.Equal(NoticeVerdict.Same, NoticeOrder.Judge(View(0), View(0, withManifests: false)));
        Assert.Equal(NoticeVerdict.Same, NoticeOrder.Judge(View(2, Arm.Blue), View(2, Arm.Green)));
    }

    [Fact]
    public void Whatever_order_notices_arrive_in_the_reader_ends_on_the_highest_epoch()
    {
        var arrivals = new[] { 2L, 5, 1, 5, 3, 4, 0 };
        ActiveArmView? held = null;
        var seen = new List<long>();
        foreach (var epoch in arrivals)
        {
            var incoming = View(epoch, epoch % 2 == 0 ? Arm.Blue : Arm.Green);
            if (NoticeOrder.Judge(held, incoming) == NoticeVerdict.Advance)
            {
                held = incoming;
                seen.Add(epoch);
            }
        }

        Assert.Equal([2L, 5], seen);
        Assert.Equal(5, held!.Epoch);
    }
}
