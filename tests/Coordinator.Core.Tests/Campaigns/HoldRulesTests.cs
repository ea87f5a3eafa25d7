using System.Collections.Immutable;
using Coordinator.Campaigns;
using static Coordinator.Core.Tests.Campaigns.CampaignSamples;

namespace Coordinator.Core.Tests.Campaigns;

public sealed class HoldRulesTests
{
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(15);

    private static GateResult Result(GateVerdict verdict, double minutes, GateKind kind = GateKind.Hold) => new()
    {
        Kind = kind,
        Verdict = verdict,
        Metrics = [],
        AsOf = T0.AddMinutes(minutes),
        Reason = $"{verdict} at {minutes}",
    };

    private static HoldDecision Decide(IReadOnlyList<GateResult> results, double nowMinutes, bool extended = false, double unobservedMinutes = 0) =>
        HoldRules.Decide(results, T0, Hold, extended, T0.AddMinutes(nowMinutes), TimeSpan.FromMinutes(unobservedMinutes));

    [Fact]
    public void Time_the_hold_could_not_watch_moves_its_end_and_its_extension_out()
    {
        var results = new List<GateResult> { Result(GateVerdict.Inconclusive, 1), Result(GateVerdict.Inconclusive, 20) };

        // A 10-minute outage: at minute 20 the hold has watched only 10 of its 15 minutes.
        var during = Decide(results, 20, unobservedMinutes: 10);
        Assert.Equal((HoldDecisionKind.Continue, T0 + Hold + TimeSpan.FromMinutes(10)), (during.Kind, during.HoldEndsAt));

        var end = Decide(results, 25, unobservedMinutes: 10);
        Assert.Equal((HoldDecisionKind.ExtendOnce, T0 + (2 * Hold) + TimeSpan.FromMinutes(10)), (end.Kind, end.HoldEndsAt));
        Assert.Equal(HoldDecisionKind.Continue, Decide(results, 39.9, extended: true, unobservedMinutes: 10).Kind);

        results.Add(Result(GateVerdict.Pass, 40));
        var passed = Decide(results, 40, extended: true, unobservedMinutes: 10);
        Assert.Equal(HoldDecisionKind.Passed, passed.Kind);
        Assert.Contains("10 min of it unobserved", passed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_passing_hold_continues_until_its_end_and_then_passes()
    {
        var results = new List<GateResult> { Result(GateVerdict.Inconclusive, 1) };
        Assert.Equal(HoldDecisionKind.Continue, Decide(results, 1).Kind);

        results.Add(Result(GateVerdict.Pass, 10));
        var during = Decide(results, 14.99);
        Assert.Equal((HoldDecisionKind.Continue, T0 + Hold), (during.Kind, during.HoldEndsAt));

        results.Add(Result(GateVerdict.Pass, 15));
        var end = Decide(results, 15);
        Assert.Equal(HoldDecisionKind.Passed, end.Kind);
        Assert.Same(results[^1], end.Evidence);
    }

    [Fact]
    public void An_inconclusive_end_extends_once_by_the_holds_length_then_waits_for_an_operator()
    {
        var results = new List<GateResult> { Result(GateVerdict.Pass, 5), Result(GateVerdict.Inconclusive, 15) };

        var first = Decide(results, 15);
        Assert.Equal((HoldDecisionKind.ExtendOnce, T0 + (2 * Hold)), (first.Kind, first.HoldEndsAt));
        Assert.Contains("Inconclusive at 15", first.Reason, StringComparison.Ordinal);

        Assert.Equal(HoldDecisionKind.Continue, Decide(results, 16, extended: true).Kind);
        Assert.Equal(HoldDecisionKind.Continue, Decide(results, 29.9, extended: true).Kind);

        results.Add(Result(GateVerdict.Inconclusive, 30));
        var second = Decide(results, 30, extended: true);
        Assert.Equal((HoldDecisionKind.WaitForOperator, T0 + (2 * Hold)), (second.Kind, second.HoldEndsAt));
    }

    [Fact]
    public void An_extended_hold_that_ends_passing_passes()
    {
        var results = new[] { Result(GateVerdict.Inconclusive, 15), Result(GateVerdict.Pass, 30) };

        Assert.Equal(HoldDecisionKind.Passed, Decide(results, 30, extended: true).Kind);
    }

    [Fact]
    public void A_failed_result_rolls_back_at_once_even_if_later_ones_pass()
    {
        var results = new[] { Result(GateVerdict.Pass, 1), Result(GateVerdict.Fail, 2), Result(GateVerdict.Fail, 3), Result(GateVerdict.Pass, 4) };

        var decision = Decide(results, 4);

        Assert.Equal(HoldDecisionKind.Rollback, decision.Kind);
        Assert.Equal("Fail at 2", decision.Reason);
        Assert.Same(results[1], decision.Evidence);
    }

    [Fact]
    public void A_failure_while_waiting_for_an_operator_still_rolls_back()
    {
        var results = new[] { Result(GateVerdict.Inconclusive, 30), Result(GateVerdict.Fail, 40) };

        Assert.Equal(HoldDecisionKind.Rollback, Decide(results, 45, extended: true).Kind);
    }

    [Fact]
    public void No_telemetry_at_all_extends_then_waits()
    {
        Assert.Equal(HoldDecisionKind.Continue, Decide([], 14).Kind);
        Assert.Equal(HoldDecisionKind.ExtendOnce, Decide([], 15).Kind);
        var waiting = Decide([], 30, extended: true);
        Assert.Equal(HoldDecisionKind.WaitForOperator, waiting.Kind);
        Assert.Contains("no gate result", waiting.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_latest_result_decides_the_end_whatever_the_order_given()
    {
        var passLast = new[] { Result(GateVerdict.Pass, 15), Result(GateVerdict.Inconclusive, 10) };
        var inconclusiveLast = new[] { Result(GateVerdict.Inconclusive, 15), Result(GateVerdict.Pass, 10) };

        Assert.Equal(HoldDecisionKind.Passed, Decide(passLast, 15).Kind);
        Assert.Equal(HoldDecisionKind.ExtendOnce, Decide(inconclusiveLast, 15).Kind);
    }

    [Fact]
    public void Warm_results_do_not_count_in_the_hold()
    {
        var results = new[] { Result(GateVerdict.Fail, 1, GateKind.Warm), Result(GateVerdict.Pass, 15) };

        Assert.Equal(HoldDecisionKind.Passed, Decide(results, 15).Kind);
    }

    [Fact]
    public void A_zero_hold_passes_at_once_unless_something_failed()
    {
        Assert.Equal(HoldDecisionKind.Passed, HoldRules.Decide([], T0, TimeSpan.Zero, false, T0, TimeSpan.Zero).Kind);
        Assert.Equal(HoldDecisionKind.Rollback, HoldRules.Decide([Result(GateVerdict.Fail, 0)], T0, TimeSpan.Zero, false, T0, TimeSpan.Zero).Kind);
    }

    [Fact]
    public void A_negative_hold_or_unobserved_time_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HoldRules.Decide(ImmutableList<GateResult>.Empty, T0, TimeSpan.FromSeconds(-1), false, T0, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => HoldRules.Decide(ImmutableList<GateResult>.Empty, T0, Hold, false, T0, TimeSpan.FromSeconds(-1)));
    }
}
