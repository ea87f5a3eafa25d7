using System.Collections.Immutable;
using Coordinator.Campaigns;

namespace Coordinator.Campaigns;

/// <summary>
/// Derives the change between two persisted statuses of a campaign. Deriving it from the saved
/// states, rather than raising events where the grain acts, means every persisted change is described
/// and nothing is announced that was not saved.
/// </summary>
public static class CampaignEvents
{
    public static CampaignChange Between(CampaignStatus? before, CampaignStatus after, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before?.CampaignId != after.CampaignId)
        {
            before = null;
        }

        var events = ImmutableList.CreateBuilder<CampaignEvent>();
        void Add(CampaignEventKind kind, string message, string? region = null, ChecklistStep? step = null, GateResult? gate = null) =>
            events.Add(new CampaignEvent { Kind = kind, Region = region, Step = step, Message = message, Gate = gate });

        if (before is null)
        {
            Add(CampaignEventKind.Started, $"started by {after.StartedBy}: {after.Regions.Count} region(s) in {after.WaveCount} wave(s)");
        }

        foreach (var region in after.Regions)
        {
            RegionEvents(before?.Regions.Find(r => r.Region == region.Region), region, Add);
        }

        if (before is not null && after.CurrentWave != before.CurrentWave && after.CurrentWave < after.WaveCount)
        {
            Add(CampaignEventKind.WaveStarted, $"wave {after.CurrentWave + 1} of {after.WaveCount} started");
        }

        if (before is not null && before.State != after.State)
        {
            var (kind, message) = StateChange(before, after);
            Add(kind, message);
        }

        if (events.Count == 0)
        {
            Add(CampaignEventKind.Updated, after.Reason ?? "status updated");
        }

        return new CampaignChange
        {
            Service = after.Service,
            CampaignId = after.CampaignId,
            Version = after.Version,
            PreviousVersion = before?.Version ?? 0,
            At = at,
            State = after.State,
            Events = events.ToImmutable(),
        };
    }

    private delegate void Emit(CampaignEventKind kind, string message, string? region = null, ChecklistStep? step = null, GateResult? gate = null);

    private static void RegionEvents(RegionProgress? before, RegionProgress after, Emit add)
    {
        var name = after.Region;
        if (after.Outcome == RegionOutcome.InProgress && before?.Outcome is null or RegionOutcome.Pending)
        {
            add(CampaignEventKind.RegionStarted, $"wave {after.WaveIndex + 1}: checklist started", name, after.Step);
        }

        foreach (var step in after.Steps.Skip(before?.Steps.Count ?? 0))
        {
            add(CampaignEventKind.StepFinished, $"{step.Step.ToWire()} done: {step.Result}", name, step.Step);
        }

        if (after.Warm is { } warm && !Equals(before?.Warm, warm))
        {
            add(CampaignEventKind.GateJudged, GateLine("warm", warm), name, ChecklistStep.WarmGreen, warm);
        }

        // Every hold window is announced (about once a second) so a live view shows fresh numbers.
        if (after.Hold.LastOrDefault() is { } hold && !Equals(before?.Hold.LastOrDefault(), hold))
        {
            add(CampaignEventKind.GateJudged, GateLine("hold", hold), name, ChecklistStep.HoldAndWatch, hold);
        }

        if (after.HoldExtended && before?.HoldExtended != true)
        {
            add(CampaignEventKind.HoldExtended, after.Note ?? "hold extended once by its own length", name, ChecklistStep.HoldAndWatch);
        }

        if (after.Outcome != before?.Outcome)
        {
            switch (after.Outcome)
            {
                case RegionOutcome.Done:
                    add(CampaignEventKind.RegionDone, $"on Green at epoch {after.FlippedEpoch}", name);
                    break;
                case RegionOutcome.RolledBack:
                    add(CampaignEventKind.RegionRolledBack, after.Note ?? "rolled back to Blue", name);
                    break;
            }
        }
    }

    private static (CampaignEventKind Kind, string Message) StateChange(CampaignStatus before, CampaignStatus after) => after.State switch
    {
        CampaignState.WaitingForApproval => (CampaignEventKind.WaitingForApproval, after.Reason ?? "waiting for an operator"),
        CampaignState.Paused => (CampaignEventKind.Paused, after.Reason ?? "paused"),
        CampaignState.RollingBack when before.State == CampaignState.RollbackBlocked => (CampaignEventKind.RollingBack, "rollback retried"),
        CampaignState.RollingBack => (CampaignEventKind.RollingBack, $"rolling back: {after.Reason}"),
        CampaignState.RollbackBlocked => (CampaignEventKind.RollbackBlocked,
            "rollback blocked: " + string.Join("; ", after.Regions.Where(r => r.RollbackBlocked is not null).Select(r => $"{r.Region}: {r.RollbackBlocked}"))),
        CampaignState.Completed => (CampaignEventKind.Completed, $"completed: {after.Regions.Count} region(s) on Green"),
        CampaignState.RolledBack => (CampaignEventKind.RolledBack,
            $"rolled back{(after.RollbackDuration is { } took ? $" in {took.TotalMilliseconds:0} ms" : "")}: {after.Reason}"),
        _ when before.State == CampaignState.WaitingForApproval =>
            (CampaignEventKind.Approved, after.Approvals.LastOrDefault() is { } approval ? $"approved by {approval}" : "approved"),
        _ => (CampaignEventKind.Resumed, "resumed"),
    };

    /// <summary>
    /// One line per verdict, short enough for a log: the failing metrics with their numbers, the names
    /// of the inconclusive ones; the event's gate carries every metric in full.
    /// </summary>
    private static string GateLine(string gate, GateResult result)
    {
        var metrics = result.MetricsWith(result.Verdict).ToList();
        var detail = result.Verdict switch
        {
            GateVerdict.Pass => $"{result.Metrics.Count} metrics",
            _ when metrics.Count == 0 => result.Reason,
            GateVerdict.Fail => string.Join("; ", metrics.Select(m => $"{m.Metric} {m.Reason}")),
            _ => string.Join(", ", metrics.Select(m => m.Metric))
                + (metrics.All(m => m.Reason.Contains("too few samples", StringComparison.Ordinal)) ? " (too few samples so far)" : ""),
        };
        return $"{gate} gate {Verdict(result.Verdict)}: {detail}";
    }

    private static string Verdict(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Pass => "passed",
        GateVerdict.Inconclusive => "inconclusive",
        _ => "failed",
    };
}
