using System.Collections.Immutable;
using Coordinator.Campaigns.Json;
using Coordinator.Domain;

namespace Coordinator.Campaigns.Machine;

/// <summary>What an operator's (or an evaluator's) call changes; each throws a named error and changes nothing when refused.</summary>
public static partial class CampaignMachine
{
    private const int MaxFinished = 20;

    /// <summary>Starts a campaign; the same id with the same spec answers the existing one, a different spec is a conflict.</summary>
    public static Decision<CutoverState, CampaignStart> Start(CutoverState state, string service, CampaignSpec spec, IReadOnlySet<string> registeredRegions, DateTimeOffset now, AuditKey auditKey)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Service != service)
        {
            throw new InvalidInputException("$.service", $"'{spec.Service}' is not this coordinator's service '{service}'");
        }

        var fingerprint = CampaignSpecWriter.Fingerprint(spec);
        if (Find(state, spec.CampaignId) is { } existing)
        {
            return existing.SpecFingerprint == fingerprint
                ? Decision<CutoverState, CampaignStart>.Unchanged(new CampaignStart(existing, Replayed: true))
                : throw new IdempotencyKeyConflictException(spec.CampaignId);
        }

        if (state.Current is { } running && running.State.IsActive())
        {
            throw new CoordinatorException(CoordinatorErrorCode.CampaignRunning,
                $"campaign '{running.CampaignId}' is running for {service}; finish, abort or roll it back first");
        }

        CampaignSpecValidator.ThrowIfInvalid(spec, registeredRegions);
        var plan = CampaignPlanner.Plan(spec);
        var status = new CampaignStatus
        {
            CampaignId = spec.CampaignId,
            Service = service,
            State = CampaignState.Running,
            CurrentWave = 0,
            WaveCount = plan.Waves.Count,
            Regions = [.. plan.Regions.Select(r => new RegionProgress { Region = r.Region, WaveIndex = r.WaveIndex, Fences = r.Fences })],
            StartedAt = now,
            StartedBy = spec.Operator,
            SpecFingerprint = fingerprint,
        };

        var finished = state.Current is { } previous ? Archive(state.Finished, previous) : state.Finished;
        // Carry the chain over: it is the service's, across campaigns.
        var started = Changed(state, new CutoverState { Spec = spec, Current = status, Finished = finished }.WithAuditTrail(state.AuditTrail));
        var audited = state.Audited(started.Next!, now, auditKey, spec.Operator, "campaign-start", $"campaign={spec.CampaignId};spec={fingerprint};reason={spec.Reason}");
        return Decision<CutoverState, CampaignStart>.Changed(audited, new CampaignStart(audited.Current!, Replayed: false));
    }

    /// <summary>The evaluator's smoke report for a region in Warm Green; the latest one per region counts.</summary>
    public static Decision<CutoverState, CampaignStatus> SubmitSmokeReport(CutoverState state, string campaignId, SmokeReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        var current = RequireCurrent(state, campaignId);
        NameRules.ThrowIfAny(SmokeReportValidator.Validate(report));
        if (current.Regions.All(r => r.Region != report.Region))
        {
            throw new InvalidInputException("region", $"'{report.Region}' is not part of campaign '{campaignId}'");
        }

        return Decision<CutoverState, CampaignStatus>.Changed(
            state with { SmokeReports = state.SmokeReports.SetItem(report.Region, new ReceivedSmokeReport(report, now)) }, current);
    }

    /// <summary>Lets a waiting campaign go on: the next wave, or the region whose gate was inconclusive.</summary>
    public static Decision<CutoverState, CampaignStatus> Approve(CutoverState state, string campaignId, string approver, string reason, DateTimeOffset now, AuditKey auditKey)
    {
        var current = RequireCurrent(state, campaignId);
        var errors = new List<FieldError>();
        NameRules.CheckText("approver", approver, Limits.MaxOperatorLength, errors);
        NameRules.CheckText("reason", reason, Limits.MaxReasonLength, errors);
        if (state.Spec!.Approval.RequireDistinctApprover && string.Equals(approver, current.StartedBy, StringComparison.Ordinal))
        {
            errors.Add(new FieldError("approver", $"'{approver}' started this campaign; the two-person rule needs someone else to approve"));
        }

        NameRules.ThrowIfAny(errors);
        if (current.State != CampaignState.WaitingForApproval)
        {
            throw new CoordinatorException(CoordinatorErrorCode.Conflict, $"campaign '{campaignId}' is {current.State}, not waiting for approval");
        }

        var context = new MachineContext(state, now, now, EffectResults.None, ImmutableDictionary<string, DateTimeOffset>.Empty);
        var approved = current with { State = CampaignState.Running, Reason = null, Approvals = current.Approvals.Add($"{approver}: {reason}") };
        approved = state.ApprovalFor is not { } region
            ? approved with { CurrentWave = approved.CurrentWave + 1 }
            : approved with
            {
                Regions = [.. approved.Regions.Select(r => r.Region != region ? r
                    : context.Advance(r, r.Step == ChecklistStep.WarmGreen ? ChecklistStep.Flip : ChecklistStep.Unfreeze, $"approved by {approver}"))],
            };
        return Audited(Changed(state, state with { Current = approved, ApprovalFor = null }), state, now, auditKey, approver, "campaign-approve", campaignId, reason);
    }

    /// <summary>Stops the campaign and rolls back every region it touched; a settled campaign is answered as it is.</summary>
    public static Decision<CutoverState, CampaignStatus> Abort(CutoverState state, string campaignId, string operatorName, string reason, DateTimeOffset now, AuditKey auditKey)
    {
        var current = RequireCommand(state, campaignId, operatorName, reason);
        return Audited(state, now, auditKey, operatorName, "campaign-abort", campaignId, reason, current.State is CampaignState.Running or CampaignState.WaitingForApproval or CampaignState.Paused
            ? Changed(state, BeginRollback(state, $"aborted by {operatorName}: {reason}", now))
            : Decision<CutoverState, CampaignStatus>.Unchanged(current));
    }

    /// <summary>Holds a running campaign where it is; pausing a paused campaign changes nothing.</summary>
    public static Decision<CutoverState, CampaignStatus> Pause(CutoverState state, string campaignId, string operatorName, string reason, DateTimeOffset now, AuditKey auditKey)
    {
        var current = RequireCommand(state, campaignId, operatorName, reason);
        return Audited(state, now, auditKey, operatorName, "campaign-pause", campaignId, reason, current.State switch
        {
            CampaignState.Running => Changed(state, state with { Current = current with { State = CampaignState.Paused, Reason = $"paused by {operatorName}: {reason}" } }),
            CampaignState.Paused => Decision<CutoverState, CampaignStatus>.Unchanged(current),
            _ => throw new CoordinatorException(CoordinatorErrorCode.Conflict, $"campaign '{campaignId}' is {current.State}; only a running campaign can be paused"),
        });
    }

    /// <summary>Lets a paused campaign go on; resuming a running campaign changes nothing.</summary>
    public static Decision<CutoverState, CampaignStatus> Resume(CutoverState state, string campaignId, string operatorName, string reason, DateTimeOffset now, AuditKey auditKey)
    {
        var current = RequireCommand(state, campaignId, operatorName, reason);
        return Audited(state, now, auditKey, operatorName, "campaign-resume", campaignId, reason, current.State switch
        {
            CampaignState.Paused => Changed(state, state with { Current = current with { State = CampaignState.Running, Reason = null } }),
            CampaignState.Running => Decision<CutoverState, CampaignStatus>.Unchanged(current),
            _ => throw new CoordinatorException(CoordinatorErrorCode.Conflict, $"campaign '{campaignId}' is {current.State}; only a paused campaign can be resumed"),
        });
    }

    /// <summary>
    /// Rolls back a running or completed campaign by the same path as a stop; on a blocked rollback
    /// (the operator fixed what blocked it) tries the blocked regions again.
    /// </summary>
    public static Decision<CutoverState, CampaignStatus> Rollback(CutoverState state, string campaignId, string operatorName, string reason, DateTimeOffset now, AuditKey auditKey)
    {
        var current = RequireCommand(state, campaignId, operatorName, reason);
        return Audited(state, now, auditKey, operatorName, "campaign-rollback", campaignId, reason, current.State switch
        {
            CampaignState.Completed or CampaignState.Running or CampaignState.WaitingForApproval or CampaignState.Paused =>
                Changed(state, BeginRollback(state, $"rolled back by {operatorName}: {reason}", now)),
            CampaignState.RollbackBlocked => Changed(state, state with
            {
                Current = current with
                {
                    State = CampaignState.RollingBack,
                    Regions = [.. current.Regions.Select(r => r.RollbackBlocked is null ? r : r with { RollbackBlocked = null, Note = $"rollback retried by {operatorName}: {reason}" })],
                },
            }),
            _ => Decision<CutoverState, CampaignStatus>.Unchanged(current),
        });
    }

    /// <summary>The current campaign with this id, else the latest finished one.</summary>
    public static CampaignStatus? Find(CutoverState state, string campaignId) =>
        state.Current?.CampaignId == campaignId ? state.Current : state.Finished.FindLast(c => c.CampaignId == campaignId);

    /// <summary>The service's campaigns, oldest first: the last finished ones and the current one.</summary>
    public static IReadOnlyList<CampaignStatus> List(CutoverState state) =>
        state.Current is { } current ? [.. state.Finished, current] : state.Finished;

    private static Decision<CutoverState, CampaignStatus> Changed(CutoverState before, CutoverState next)
    {
        var stamped = Stamp(before, next);
        return Decision<CutoverState, CampaignStatus>.Changed(stamped, stamped.Current!);
    }

    /// <summary>A changed decision with the command appended to the service's chain; an unchanged one (a replay) as it is.</summary>
    private static Decision<CutoverState, CampaignStatus> Audited(
        CutoverState before, DateTimeOffset now, AuditKey auditKey, string operatorName, string command, string campaignId, string reason, Decision<CutoverState, CampaignStatus> decision) =>
        Audited(decision, before, now, auditKey, operatorName, command, campaignId, reason);

    private static Decision<CutoverState, CampaignStatus> Audited(
        Decision<CutoverState, CampaignStatus> decision, CutoverState before, DateTimeOffset now, AuditKey auditKey, string operatorName, string command, string campaignId, string reason)
    {
        if (decision.Next is not { } next)
        {
            return decision;
        }

        var audited = before.Audited(next, now, auditKey, operatorName, command, $"campaign={campaignId};reason={reason}");
        return Decision<CutoverState, CampaignStatus>.Changed(audited, audited.Current!);
    }

    private static CampaignStatus RequireCurrent(CutoverState state, string campaignId) =>
        state.Current is { } current && current.CampaignId == campaignId
            ? current
            : throw new InvalidInputException("campaign", $"'{campaignId}' is not the current campaign of {state.Spec?.Service ?? "this service"}");

    private static CampaignStatus RequireCommand(CutoverState state, string campaignId, string operatorName, string reason)
    {
        var current = RequireCurrent(state, campaignId);
        var errors = new List<FieldError>();
        NameRules.CheckText("operator", operatorName, Limits.MaxOperatorLength, errors);
        NameRules.CheckText("reason", reason, Limits.MaxReasonLength, errors);
        NameRules.ThrowIfAny(errors);
        return current;
    }

    private static ImmutableList<CampaignStatus> Archive(ImmutableList<CampaignStatus> finished, CampaignStatus previous)
    {
        var list = finished.Add(previous);
        return list.Count > MaxFinished ? list.RemoveRange(0, list.Count - MaxFinished) : list;
    }
}
