using Coordinator.Campaigns;

namespace Coordinator.Campaigns;

/// <summary>
/// Hold and watch as a pure decision over the gate results seen so far:
/// any failed result rolls back at once; before the hold ends the campaign keeps watching; at the end
/// the latest result decides — a pass passes, anything else extends the hold once by its own length
/// and then waits for an operator. A zero-length hold (tests, benchmarks) passes at once unless a
/// result already failed. Time the hold could not watch Green (<c>unobserved</c>: the
/// campaign stalled, or Green's window could not be read) does not count towards it: its end moves out
/// by as much, so an outage in the middle of a hold does not end it on the evidence from before.
/// </summary>
public static class HoldRules
{
    /// <param name="results">This hold's gate results, in any order; only <see cref="GateKind.Hold"/> results count.</param>
    /// <param name="holdStart">When the hold began (the flip).</param>
    /// <param name="holdDuration">The wave's hold.</param>
    /// <param name="extendedOnce">The hold was already extended (after an earlier <see cref="HoldDecisionKind.ExtendOnce"/>).</param>
    /// <param name="now">The current time, from the caller's TimeProvider.</param>
    /// <param name="unobserved">How long since <paramref name="holdStart"/> the hold could not watch Green.</param>
    public static HoldDecision Decide(
        IReadOnlyList<GateResult> results, DateTimeOffset holdStart, TimeSpan holdDuration, bool extendedOnce, DateTimeOffset now, TimeSpan unobserved)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentOutOfRangeException.ThrowIfLessThan(holdDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(unobserved, TimeSpan.Zero);

        var held = results.Where(r => r.Kind == GateKind.Hold).ToList();
        var endsAt = holdStart + (extendedOnce ? holdDuration * 2 : holdDuration) + unobserved;

        var failed = held.Where(r => r.Verdict == GateVerdict.Fail).OrderBy(r => r.AsOf).FirstOrDefault();
        if (failed is not null)
        {
            return new HoldDecision { Kind = HoldDecisionKind.Rollback, Reason = failed.Reason, HoldEndsAt = endsAt, Evidence = failed };
        }

        // Latest evidence; among equal times, the one reported last.
        var latest = held.Select((r, i) => (r, i)).OrderBy(x => x.r.AsOf).ThenBy(x => x.i).Select(x => x.r).LastOrDefault();
        if (holdDuration == TimeSpan.Zero)
        {
            return new HoldDecision { Kind = HoldDecisionKind.Passed, Reason = "no hold configured (0 s)", HoldEndsAt = holdStart, Evidence = latest };
        }

        if (now < endsAt)
        {
            var state = latest is null ? "no gate result yet" : $"latest gate result {latest.Verdict.ToString().ToLowerInvariant()}";
            return new HoldDecision { Kind = HoldDecisionKind.Continue, Reason = $"holding until {endsAt:O}; {state}", HoldEndsAt = endsAt, Evidence = latest };
        }

        if (latest is { Verdict: GateVerdict.Pass })
        {
            return new HoldDecision
            {
                Kind = HoldDecisionKind.Passed,
                Reason = $"held {Held(endsAt - holdStart, unobserved)}; {latest.Reason}",
                HoldEndsAt = endsAt,
                Evidence = latest,
            };
        }

        var why = latest is null ? "no gate result during the hold" : latest.Reason;
        return extendedOnce
            ? new HoldDecision
            {
                Kind = HoldDecisionKind.WaitForOperator,
                Reason = $"still inconclusive after the extended hold ({Held(endsAt - holdStart, unobserved)}): {why}",
                HoldEndsAt = endsAt,
                Evidence = latest,
            }
            : new HoldDecision
            {
                Kind = HoldDecisionKind.ExtendOnce,
                Reason = $"inconclusive at the end of the hold, extending it by {CampaignPlanner.FormatDuration(holdDuration)}: {why}",
                HoldEndsAt = holdStart + holdDuration * 2 + unobserved,
                Evidence = latest,
            };
    }

    private static string Held(TimeSpan held, TimeSpan unobserved) =>
        unobserved > TimeSpan.Zero
            ? $"{CampaignPlanner.FormatDuration(held)}, {CampaignPlanner.FormatDuration(unobserved)} of it unobserved"
            : CampaignPlanner.FormatDuration(held);
}
