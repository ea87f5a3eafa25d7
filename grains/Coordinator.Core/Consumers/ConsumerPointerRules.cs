using System.Collections.Immutable;
using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Switchover;

namespace Coordinator.Consumers;

/// <summary>A consumer pointer's decisions as pure functions over <see cref="ConsumerPointerState"/>.</summary>
public static class ConsumerPointerRules
{
    public const int MaxPartitions = ConsumerLimits.MaxPartitions;
    public const int MaxKeyLength = ConsumerLimits.MaxKeyLength;
    public const int MaxPastMoves = 32;
    public static readonly TimeSpan MinDrainTimeout = ConsumerLimits.MinDrainTimeout;
    public static readonly TimeSpan MaxDrainTimeout = ConsumerLimits.MaxDrainTimeout;

    private static Decision<ConsumerPointerState, T> Same<T>(T result) => Decision<ConsumerPointerState, T>.Unchanged(result);

    private static Decision<ConsumerPointerState, T> Next<T>(ConsumerPointerState state, T result) => Decision<ConsumerPointerState, T>.Changed(state, result);

    public static Decision<ConsumerPointerState, ConsumerPointerState> Configure(
        ConsumerPointerState state, string fence, string consumerVer, int partitions, string operatorName, DateTimeOffset now, AuditKey auditKey, LedgerPolicy? ledgerPolicy = null)
    {
        var errors = new List<FieldError>();
        ManifestValidator.CheckVersion("consumer_ver", consumerVer, errors);
        if (partitions is < 1 or > MaxPartitions)
        {
            errors.Add(new FieldError("partitions", $"must be between 1 and {MaxPartitions} (got {partitions})"));
        }

        NameRules.CheckText("operator", operatorName, SwitchoverRules.MaxOperatorLength, errors);
        if (state.ActiveConsumerVer is { } active && active != consumerVer)
        {
            errors.Add(new FieldError("consumer_ver", $"the pointer already serves '{active}'; change it with a move"));
        }

        if (state.ActiveConsumerVer is not null && partitions < state.Partitions)
        {
            errors.Add(new FieldError("partitions", $"cannot shrink from {state.Partitions} to {partitions}"));
        }

        if (ledgerPolicy is { } asked && !Enum.IsDefined(asked))
        {
            errors.Add(new FieldError("ledger_policy", $"must be fail-closed or fail-open (got {(int)asked})"));
        }

        NameRules.ThrowIfAny(errors);
        var policy = ledgerPolicy ?? state.LedgerPolicy;
        if (state.ActiveConsumerVer == consumerVer && state.Partitions == partitions && state.LedgerPolicy == policy)
        {
            return Same(state);
        }

        var offsets = state.Offsets;
        for (var p = state.Partitions; p < partitions; p++)
        {
            offsets = offsets.SetItem(p, 0);
        }

        var next = state with
        {
            ActiveConsumerVer = consumerVer,
            Partitions = partitions,
            Offsets = offsets,
            Token = Math.Max(state.Token, 1),
            LedgerPolicy = policy,

            // A fail-open ledger always has room; a fail-closed one is re-checked at the next commit.
            LedgerFullSince = policy == LedgerPolicy.FailOpen ? null : state.LedgerFullSince,
        };
        next = state.Audited(next, now, auditKey, operatorName, "configure", $"consumer_ver={consumerVer};partitions={partitions};ledger_policy={PolicyName(policy)}");
        return Next(next, next);
    }

    public static Decision<ConsumerPointerState, ConsumerDirective> Heartbeat(
        ConsumerPointerState state, string instanceId, string consumerVer, bool paused, DateTimeOffset now, ConsumerPointerOptions options, AuditKey auditKey)
    {
        var errors = new List<FieldError>();
        NameRules.CheckText("instance", instanceId, MaxKeyLength, errors);
        ManifestValidator.CheckVersion("consumer_ver", consumerVer, errors);
        NameRules.ThrowIfAny(errors);
        var active = RequireConfigured(state);

        var next = state with { Instances = Live(state.Instances, now, options).SetItem(instanceId, new ConsumerInstance(instanceId, consumerVer, now, paused)) };
        next = TryFinishMove(next, now, options, auditKey);
        next = WithLedgerRoom(next, now, options, auditKey);

        var directive = Directive(next, consumerVer);
        return Next(next, directive);
    }

    public static Decision<ConsumerPointerState, CommitResult> Commit(
        ConsumerPointerState state, CommitRequest request, DateTimeOffset now, ILedgerIndex sealedKeys, AuditKey auditKey, ConsumerPointerOptions? options = null)
    {
        options ??= new ConsumerPointerOptions();
        var errors = new List<FieldError>();
        if (request.Partition < 0 || request.Partition >= Math.Max(state.Partitions, 1))
        {
            errors.Add(new FieldError("partition", $"{request.Partition} is not a partition of this pointer (0..{Math.Max(state.Partitions, 1) - 1})"));
        }

        if (request.Offset < 0)
        {
            errors.Add(new FieldError("offset", $"must not be negative (got {request.Offset})"));
        }

        NameRules.CheckText("idempotency_key", request.IdempotencyKey, MaxKeyLength, errors);
        NameRules.CheckText("payload_hash", request.PayloadHash, MaxKeyLength, errors);
        ManifestValidator.CheckVersion("consumer_ver", request.ConsumerVer, errors);
        NameRules.ThrowIfAny(errors);
        var active = RequireConfigured(state);
        var counters = state.Counters;

        if ((state.OpenLedger.GetValueOrDefault(request.IdempotencyKey) ?? sealedKeys.Find(request.IdempotencyKey)) is { } first)
        {
            if (first.PayloadHash != request.PayloadHash)
            {
                return Next(state with { Counters = counters with { Conflicts = counters.Conflicts + 1 } }, new CommitResult
                {
                    Outcome = CommitOutcome.Conflict,
                    Partition = first.Partition,
                    CommittedOffset = state.Offsets.GetValueOrDefault(first.Partition),
                    Reason = $"key '{request.IdempotencyKey}' was first used with another payload",
                    FirstAcceptedAt = first.AcceptedAt,
                });
            }

            return Next(state with { Counters = counters with { DedupeHits = counters.DedupeHits + 1 } }, new CommitResult
            {
                Outcome = CommitOutcome.Duplicate,
                Partition = first.Partition,
                CommittedOffset = first.CommittedOffset,
                FirstAcceptedAt = first.AcceptedAt,
            });
        }

        string? fenced = null;
        if (request.ConsumerVer != active)
        {
            fenced = $"consumer_ver '{request.ConsumerVer}' may not consume; '{active}' is active";
        }
        else if (request.Token != state.Token)
        {
            fenced = $"token {request.Token} is stale; the pointer is at token {state.Token}";
        }

        if (fenced is not null)
        {
            return Next(state with { Counters = counters with { FencedAttempts = counters.FencedAttempts + 1 } }, new CommitResult
            {
                Outcome = CommitOutcome.Fenced,
                Partition = request.Partition,
                CommittedOffset = state.Offsets.GetValueOrDefault(request.Partition),
                Reason = fenced,
            });
        }

        if (LedgerRoom.IsFull(state, now, options))
        {
            var full = state.LedgerFullSince is null
                ? state.Audited(state with { LedgerFullSince = now }, now, auditKey, "coordinator", "ledger-full", $"keys={LedgerRoom.LiveKeys(state, now, options)};max={options.LedgerMaxEntries}")
                : state;
            return Next(full with { Counters = full.Counters with { LedgerFullRefusals = full.Counters.LedgerFullRefusals + 1 } }, new CommitResult
            {
                Outcome = CommitOutcome.LedgerFull,
                Partition = request.Partition,
                CommittedOffset = state.Offsets.GetValueOrDefault(request.Partition),
                Reason = LedgerRoom.FullReason(state, now, options),
            });
        }

        state = WithLedgerRoom(state, now, options, auditKey);
        counters = state.Counters;

        // Offsets only move forward here; going back takes an explicit, audited reset.
        var offset = Math.Max(state.Offsets.GetValueOrDefault(request.Partition), request.Offset);
        var next = state with
        {
            Offsets = state.Offsets.SetItem(request.Partition, offset),
            OpenLedger = state.OpenLedger.Add(request.IdempotencyKey, new LedgerEntry(request.IdempotencyKey, request.PayloadHash, request.Partition, offset, now)),
            Counters = counters with { SideEffectsAccepted = counters.SideEffectsAccepted + 1, LedgerKeys = counters.LedgerKeys + 1 },
        };
        return Next(next, new CommitResult { Outcome = CommitOutcome.Accepted, Partition = request.Partition, CommittedOffset = offset });
    }

    public static Decision<ConsumerPointerState, ConsumerPointerState> Pause(
        ConsumerPointerState state, string fence, string campaignId, string operatorName, DateTimeOffset now, AuditKey auditKey)
    {
        CheckCampaign(campaignId, operatorName);
        RequireConfigured(state);
        if (state.PausedBy == campaignId)
        {
            return Same(state);
        }

        if (state.PausedBy is { } owner)
        {
            throw new FenceNotOwnedException(fence, campaignId, owner);
        }

        var next = state with { PausedBy = campaignId, Mode = state.CurrentMove is null ? ConsumerMode.Paused : state.Mode };
        next = state.Audited(next, now, auditKey, operatorName, "pause", $"campaign={campaignId}");
        return Next(next, next);
    }

    public static Decision<ConsumerPointerState, ConsumerPointerState> Resume(
        ConsumerPointerState state, string fence, string campaignId, string operatorName, DateTimeOffset now, AuditKey auditKey)
    {
        CheckCampaign(campaignId, operatorName);
        RequireConfigured(state);
        if (state.PausedBy is null)
        {
            return Same(state);
        }

        if (state.PausedBy != campaignId)
        {
            throw new FenceNotOwnedException(fence, campaignId, state.PausedBy);
        }

        var next = state with { PausedBy = null, Mode = state.CurrentMove is null ? ConsumerMode.Consuming : state.Mode };
        next = state.Audited(next, now, auditKey, operatorName, "resume", $"campaign={campaignId}");
        return Next(next, next);
    }

    public static Decision<ConsumerPointerState, MoveStatus> StartMove(
        ConsumerPointerState state, MoveRequest request, DateTimeOffset now, ConsumerPointerOptions options, AuditKey auditKey)
    {
        var errors = new List<FieldError>();
        ManifestValidator.CheckVersion("to", request.ToConsumerVer, errors);
        NameRules.CheckText("idempotency_key", request.IdempotencyKey, MaxKeyLength, errors);
        NameRules.CheckText("operator", request.Operator, SwitchoverRules.MaxOperatorLength, errors);
        NameRules.CheckText("reason", request.Reason, SwitchoverRules.MaxReasonLength, errors);
        if (request.DrainTimeout < MinDrainTimeout || request.DrainTimeout > MaxDrainTimeout)
        {
            errors.Add(new FieldError("drain_timeout", $"must be between {MinDrainTimeout.TotalSeconds:0} s and {MaxDrainTimeout.TotalMinutes:0} min (got {request.DrainTimeout})"));
        }

        NameRules.ThrowIfAny(errors);
        var active = RequireConfigured(state);

        if (FindMove(state, request.IdempotencyKey) is { } earlier)
        {
            return earlier.ToConsumerVer == request.ToConsumerVer
                ? Same(earlier)
                : throw new IdempotencyKeyConflictException(request.IdempotencyKey);
        }

        if (state.CurrentMove is { } running)
        {
            throw new CoordinatorException(CoordinatorErrorCode.MoveInProgress,
                $"a move to '{running.ToConsumerVer}' (key '{running.IdempotencyKey}') is still draining; wait for it or let it time out");
        }

        var move = new MoveStatus
        {
            IdempotencyKey = request.IdempotencyKey,
            FromConsumerVer = active,
            ToConsumerVer = request.ToConsumerVer,
            State = MoveState.Draining,
            StartedAt = now,
            Reason = request.Reason,
        };
        var next = state with { CurrentMove = move, Mode = ConsumerMode.Moving, MoveDeadline = now + request.DrainTimeout };
        next = state.Audited(next, now, auditKey, request.Operator, "move-start", $"from={active};to={request.ToConsumerVer};key={request.IdempotencyKey};reason={request.Reason}");
        next = TryFinishMove(next, now, options, auditKey);
        return Next(next, FindMove(next, request.IdempotencyKey)!);
    }

    /// <summary>Fails a draining move whose deadline has passed, resuming the old version.</summary>
    public static Decision<ConsumerPointerState, MoveStatus?> ExpireMove(ConsumerPointerState state, DateTimeOffset now, ConsumerPointerOptions options, AuditKey auditKey)
    {
        var finished = TryFinishMove(state, now, options, auditKey);
        if (finished.CurrentMove is { } move && now >= finished.MoveDeadline)
        {
            var pending = Pending(finished, move.FromConsumerVer, now, options);
            var failed = move with
            {
                State = MoveState.Failed,
                FinishedAt = now,
                PendingInstances = pending,
                Reason = $"drain timed out waiting for {string.Join(", ", pending)}; '{move.FromConsumerVer}' resumed",
            };
            var next = Finish(finished, failed) with { Mode = finished.PausedBy is null ? ConsumerMode.Consuming : ConsumerMode.Paused };
            next = finished.Audited(next, now, auditKey, "coordinator", "move-failed", $"key={move.IdempotencyKey};pending={string.Join(",", pending)}");
            return Next<MoveStatus?>(next, failed);
        }

        return ReferenceEquals(finished, state) ? Same<MoveStatus?>(null) : Next<MoveStatus?>(finished, FindMove(finished, state.CurrentMove!.IdempotencyKey));
    }

    public static Decision<ConsumerPointerState, ConsumerPointerState> ResetOffset(
        ConsumerPointerState state, int partition, long offset, string operatorName, string reason, DateTimeOffset now, AuditKey auditKey)
    {
        var errors = new List<FieldError>();
        if (partition < 0 || partition >= state.Partitions)
        {
            errors.Add(new FieldError("partition", state.Partitions == 0
                ? "the pointer has no partitions yet; configure it first"
                : $"{partition} is not a partition of this pointer (0..{state.Partitions - 1})"));
        }

        if (offset < 0)
        {
            errors.Add(new FieldError("offset", $"must not be negative (got {offset})"));
        }

        NameRules.CheckText("operator", operatorName, SwitchoverRules.MaxOperatorLength, errors);
        NameRules.CheckText("reason", reason, SwitchoverRules.MaxReasonLength, errors);
        NameRules.ThrowIfAny(errors);

        var before = state.Offsets.GetValueOrDefault(partition);
        var next = state with { Offsets = state.Offsets.SetItem(partition, offset) };
        next = state.Audited(next, now, auditKey, operatorName, "reset-offset", $"partition={partition};from={before};to={offset};reason={reason}");
        return Next(next, next);
    }

    public static MoveStatus? FindMove(ConsumerPointerState state, string key) =>
        state.CurrentMove?.IdempotencyKey == key ? state.CurrentMove : state.PastMoves.FindLast(m => m.IdempotencyKey == key);

    public static ConsumerPointerStatus Status(ConsumerPointerState state, string group, DateTimeOffset now, ConsumerPointerOptions options) => new()
    {
        Group = group,
        ActiveConsumerVer = state.ActiveConsumerVer,
        Mode = state.LedgerFullSince is not null && state.Mode == ConsumerMode.Consuming ? ConsumerMode.Paused : state.Mode,
        Token = state.Token,
        Offsets = state.Offsets,
        Instances = [.. Live(state.Instances, now, options).Values],
        Counters = state.Counters with { LedgerKeys = LedgerCompaction.KeyCount(state) },
        CurrentMove = state.CurrentMove is { } move ? move with { PendingInstances = Pending(state, move.FromConsumerVer, now, options) } : null,
        PausedBy = state.PausedBy,
        LedgerPolicy = state.LedgerPolicy,
        LedgerFullReason = state.LedgerFullSince is not null ? LedgerRoom.FullReason(state, now, options) : null,
    };

    private static ConsumerDirective Directive(ConsumerPointerState state, string consumerVer)
    {
        var active = state.ActiveConsumerVer!;
        if (consumerVer == active && state.LedgerFullSince is not null && state.Mode == ConsumerMode.Consuming)
        {
            return new ConsumerDirective
            {
                Kind = ConsumerDirectiveKind.Pause,
                Token = state.Token,
                Offsets = state.Offsets,
                ActiveConsumerVer = active,
                Reason = "the idempotency ledger is full (fail-closed); see the group's status",
            };
        }

        if (consumerVer == active)
        {
            return state.Mode == ConsumerMode.Consuming
                ? new ConsumerDirective { Kind = ConsumerDirectiveKind.Consume, Token = state.Token, Offsets = state.Offsets, ActiveConsumerVer = active }
                : new ConsumerDirective
                {
                    Kind = ConsumerDirectiveKind.Pause,
                    Token = state.Token,
                    Offsets = state.Offsets,
                    ActiveConsumerVer = active,
                    Reason = state.CurrentMove is { } move ? $"moving to '{move.ToConsumerVer}'" : $"paused by campaign '{state.PausedBy}'",
                };
        }

        return state.CurrentMove?.ToConsumerVer == consumerVer
            ? new ConsumerDirective { Kind = ConsumerDirectiveKind.Pause, ActiveConsumerVer = active, Reason = $"waiting for '{active}' to drain" }
            : new ConsumerDirective { Kind = ConsumerDirectiveKind.Stop, ActiveConsumerVer = active, Reason = $"'{consumerVer}' may not consume; '{active}' is active" };
    }

    /// <summary>Completes a draining move once every live instance of the old version has acknowledged the pause.</summary>
    private static ConsumerPointerState TryFinishMove(ConsumerPointerState state, DateTimeOffset now, ConsumerPointerOptions options, AuditKey auditKey)
    {
        if (state.CurrentMove is not { } move || Pending(state, move.FromConsumerVer, now, options).Count > 0)
        {
            return state;
        }

        var done = move with { State = MoveState.Completed, FinishedAt = now, HandedOffsets = state.Offsets, PendingInstances = [] };

        // The new version gets a new token: from here on nothing the old version sends is accepted.
        var next = Finish(state, done) with
        {
            ActiveConsumerVer = move.ToConsumerVer,
            Token = state.Token + 1,
            Mode = ConsumerMode.Consuming,
            PausedBy = null,
        };
        return state.Audited(next, now, auditKey, "coordinator", "move-completed",
            $"key={move.IdempotencyKey};from={move.FromConsumerVer};to={move.ToConsumerVer};token={next.Token};offsets={string.Join(",", state.Offsets.Select(o => $"{o.Key}:{o.Value}"))}");
    }

    /// <summary>Lifts a ledger-full pause once keys expired, the bound was raised or the group went fail-open.</summary>
    private static ConsumerPointerState WithLedgerRoom(ConsumerPointerState state, DateTimeOffset now, ConsumerPointerOptions options, AuditKey auditKey)
    {
        if (state.LedgerFullSince is null || LedgerRoom.IsFull(state, now, options))
        {
            return state;
        }

        var next = state with { LedgerFullSince = null };
        return state.Audited(next, now, auditKey, "coordinator", "ledger-room", $"keys={LedgerRoom.LiveKeys(state, now, options)};max={options.LedgerMaxEntries}");
    }

    public static string PolicyName(LedgerPolicy policy) => policy == LedgerPolicy.FailOpen ? "fail-open" : "fail-closed";

    private static ConsumerPointerState Finish(ConsumerPointerState state, MoveStatus finished)
    {
        var past = state.PastMoves.Add(finished);
        if (past.Count > MaxPastMoves)
        {
            past = past.RemoveRange(0, past.Count - MaxPastMoves);
        }

        return state with { CurrentMove = null, PastMoves = past, MoveDeadline = null };
    }

    private static ImmutableList<string> Pending(ConsumerPointerState state, string consumerVer, DateTimeOffset now, ConsumerPointerOptions options) =>
        [.. Live(state.Instances, now, options).Values.Where(i => i.ConsumerVer == consumerVer && !i.Paused).Select(i => i.InstanceId)];

    private static ImmutableSortedDictionary<string, ConsumerInstance> Live(
        ImmutableSortedDictionary<string, ConsumerInstance> instances, DateTimeOffset now, ConsumerPointerOptions options)
    {
        var cutoff = now - options.InstanceTimeout;
        var gone = instances.Values.Where(i => i.LastHeartbeat < cutoff).Select(i => i.InstanceId).ToList();
        return gone.Count == 0 ? instances : instances.RemoveRange(gone);
    }

    private static string RequireConfigured(ConsumerPointerState state) =>
        state.ActiveConsumerVer ?? throw new CoordinatorException(CoordinatorErrorCode.NotConfigured,
            "this consumer pointer is not configured; configure it with a CONSUMER_VER and a partition count first");

    private static void CheckCampaign(string campaignId, string operatorName)
    {
        var errors = new List<FieldError>();
        NameRules.Check("campaign", campaignId, errors);
        NameRules.CheckText("operator", operatorName, SwitchoverRules.MaxOperatorLength, errors);
        NameRules.ThrowIfAny(errors);
    }
}
