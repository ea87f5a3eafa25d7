using Coordinator.Domain;
using Coordinator.Consumers;
using Coordinator.Fences;

namespace Coordinator.Core.Tests.Consumers;

public sealed class MoveDeadlineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly ConsumerPointerOptions Options = new();

    private static ConsumerPointerState Draining(TimeSpan drainTimeout)
    {
        var state = ConsumerPointerRules.Configure(new ConsumerPointerState(), "f", "blue", 1, "alice", T0, AuditKey.DemoNotSecret).Next!;
        state = ConsumerPointerRules.Heartbeat(state, "b1", "blue", false, T0, Options, AuditKey.DemoNotSecret).Next!;
        var request = new MoveRequest { ToConsumerVer = "green", IdempotencyKey = "m1", Operator = "alice", Reason = "r", DrainTimeout = drainTimeout };
        return ConsumerPointerRules.StartMove(state, request, T0, Options, AuditKey.DemoNotSecret).Next!;
    }

    [Fact]
    public void A_draining_move_is_due_at_its_deadline_and_at_once_after_it()
    {
        var state = Draining(TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(10), MoveDeadline.DueIn(state, T0));
        Assert.Equal(TimeSpan.FromSeconds(4), MoveDeadline.DueIn(state, T0.AddSeconds(6)));
        Assert.Equal(TimeSpan.Zero, MoveDeadline.DueIn(state, T0.AddSeconds(11)));
    }

    [Fact]
    public void Nothing_is_due_once_the_move_failed_at_its_deadline_or_without_a_move()
    {
        var state = Draining(TimeSpan.FromSeconds(10));
        var failed = ConsumerPointerRules.ExpireMove(state, T0.AddSeconds(10), Options, AuditKey.DemoNotSecret);

        Assert.Equal(MoveState.Failed, failed.Result!.State);
        Assert.Null(MoveDeadline.DueIn(failed.Next!, T0.AddSeconds(10)));
        Assert.Null(MoveDeadline.DueIn(new ConsumerPointerState(), T0));
    }
}
