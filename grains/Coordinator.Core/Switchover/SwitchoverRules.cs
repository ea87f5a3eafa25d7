using Coordinator.Domain;

namespace Coordinator.Switchover;

/// <summary>
/// The pointer's decisions as pure functions: given the current state and a command, either a
/// refusal (a <see cref="CoordinatorException"/>), an answer with no change, or the next state.
/// </summary>
public static class SwitchoverRules
{
    /// <summary>How many flip idempotency keys a region remembers.</summary>
    public const int MaxRecentFlips = 128;

    public const int MaxOperatorLength = Limits.MaxOperatorLength;
    public const int MaxReasonLength = Limits.MaxReasonLength;
    public const int MaxIdempotencyKeyLength = Limits.MaxIdempotencyKeyLength;

    public static Decision<SwitchoverState, RegisterResult> Register(
        SwitchoverState state, string service, string region, Arm arm, ArmManifest manifest, string operatorName, DateTimeOffset now, AuditKey auditKey)
    {
        var errors = new List<FieldError>();
        if (!Enum.IsDefined(arm))
        {
            errors.Add(new FieldError("arm", $"'{(int)arm}' is not an arm: use blue or green"));
        }

        errors.AddRange(ManifestValidator.Validate(manifest));
        NameRules.CheckText("operator", operatorName, MaxOperatorLength, errors);
        NameRules.ThrowIfAny(errors);

        var where = RegionKey.Format(service, region);
        if (state.OwnerCampaign is { } owner)
        {
            throw new RegionClaimedException(where, owner);
        }

        var existing = state.ManifestOf(arm);
        if (existing == manifest)
        {
            return Decision<SwitchoverState, RegisterResult>.Unchanged(new RegisterResult { Arm = arm, Changed = false, View = View(state, service, region) });
        }

        if (arm == state.ActiveArm && existing is not null)
        {
            throw new ActiveManifestLockedException(where, arm);
        }

        var next = state.WithManifest(arm, manifest);
        next = state.Audited(next, now, auditKey, operatorName, "register-arm", $"arm={arm.ToWire()};{manifest.ToCanonicalString()}");
        return Decision<SwitchoverState, RegisterResult>.Changed(next, new RegisterResult { Arm = arm, Changed = true, View = View(next, service, region) });
    }

    public static Decision<SwitchoverState, FlipResult> Flip(SwitchoverState state, string service, string region, FlipRequest request, DateTimeOffset now, AuditKey auditKey)
    {
        var errors = new List<FieldError>();
        if (!Enum.IsDefined(request.Target))
        {
            errors.Add(new FieldError("to", $"'{(int)request.Target}' is not an arm: use blue or green"));
        }

        if (request.ExpectedEpoch < 0)
        {
            errors.Add(new FieldError("expected_epoch", "must not be negative"));
        }

        NameRules.CheckText("operator", request.Operator, MaxOperatorLength, errors);
        NameRules.CheckText("reason", request.Reason, MaxReasonLength, errors);
        NameRules.CheckText("idempotency_key", request.IdempotencyKey, MaxIdempotencyKeyLength, errors);
        if (request.RequestHash is not null)
        {
            NameRules.CheckText("request_hash", request.RequestHash, MaxIdempotencyKeyLength, errors);
        }

        if (request.CampaignId is not null)
        {
            NameRules.Check("campaign", request.CampaignId, errors);
        }

        NameRules.ThrowIfAny(errors);

        // A caller's request hash stands for its whole request, including the epoch it named or left
        // to be read: a retry that read a newer epoch is still the same request.
        var fingerprint = request.RequestHash is { } hash
            ? $"{request.Target.ToWire()}|hash:{hash}|{request.CampaignId}"
            : $"{request.Target.ToWire()}|{request.ExpectedEpoch}|{request.CampaignId}";
        var earlier = state.RecentFlips.Find(r => r.Key == request.IdempotencyKey);
        if (earlier is not null)
        {
            return earlier.RequestFingerprint == fingerprint
                ? Decision<SwitchoverState, FlipResult>.Unchanged(earlier.Result with { Replayed = true })
                : throw new IdempotencyKeyConflictException(request.IdempotencyKey);
        }

        var where = RegionKey.Format(service, region);
        if (state.OwnerCampaign is { } owner && owner != request.CampaignId)
        {
            throw new RegionClaimedException(where, owner);
        }

        if (state.ManifestOf(request.Target) is null)
        {
            throw new ArmNotRegisteredException(where, request.Target);
        }

        // Epoch before "already active": of many racing flips on one epoch, the losers were stale.
        if (request.ExpectedEpoch != state.Epoch)
        {
            throw new StaleEpochException(where, request.ExpectedEpoch, state.Epoch);
        }

        if (request.Target == state.ActiveArm)
        {
            throw new ArmAlreadyActiveException(where, request.Target, state.Epoch);
        }

        var flipped = state with { ActiveArm = request.Target, Epoch = state.Epoch + 1, LastFlipAt = now };
        var detail = $"to={request.Target.ToWire()};expected_epoch={request.ExpectedEpoch};key={request.IdempotencyKey};"
            + $"campaign={request.CampaignId ?? "-"};reason={request.Reason}";
        flipped = state.Audited(flipped, now, auditKey, request.Operator, "flip", detail);
        var result = new FlipResult
        {
            From = state.ActiveArm,
            To = request.Target,
            Epoch = flipped.Epoch,
            At = now,
            IdempotencyKey = request.IdempotencyKey,
            AuditHash = flipped.AuditHead,
        };
        var recent = flipped.RecentFlips.Add(new FlipRecord(request.IdempotencyKey, fingerprint, result));
        if (recent.Count > MaxRecentFlips)
        {
            recent = recent.RemoveRange(0, recent.Count - MaxRecentFlips);
        }

        return Decision<SwitchoverState, FlipResult>.Changed(flipped with { RecentFlips = recent }, result);
    }

    public static Decision<SwitchoverState, ActiveArmView> Claim(SwitchoverState state, string service, string region, string campaignId, string operatorName, DateTimeOffset now, AuditKey auditKey)
    {
        ValidateCampaignCommand(campaignId, operatorName);
        if (state.OwnerCampaign == campaignId)
        {
            return Decision<SwitchoverState, ActiveArmView>.Unchanged(View(state, service, region));
        }

        if (state.OwnerCampaign is { } owner)
        {
            throw new RegionClaimedException(RegionKey.Format(service, region), owner);
        }

        var next = state.Audited(state with { OwnerCampaign = campaignId }, now, auditKey, operatorName, "claim", $"campaign={campaignId}");
        return Decision<SwitchoverState, ActiveArmView>.Changed(next, View(next, service, region));
    }

    public static Decision<SwitchoverState, ActiveArmView> Release(SwitchoverState state, string service, string region, string campaignId, string operatorName, DateTimeOffset now, AuditKey auditKey)
    {
        ValidateCampaignCommand(campaignId, operatorName);
        if (state.OwnerCampaign is null)
        {
            return Decision<SwitchoverState, ActiveArmView>.Unchanged(View(state, service, region));
        }

        if (state.OwnerCampaign != campaignId)
        {
            throw new RegionClaimedException(RegionKey.Format(service, region), state.OwnerCampaign);
        }

        var next = state.Audited(state with { OwnerCampaign = null }, now, auditKey, operatorName, "release", $"campaign={campaignId}");
        return Decision<SwitchoverState, ActiveArmView>.Changed(next, View(next, service, region));
    }

    public static ActiveArmView View(SwitchoverState state, string service, string region) => new()
    {
        Service = service,
        Region = region,
        ActiveArm = state.ActiveArm,
        Epoch = state.Epoch,
        Blue = state.Blue,
        Green = state.Green,
        OwnerCampaign = state.OwnerCampaign,
        LastFlipAt = state.LastFlipAt,
    };

    private static void ValidateCampaignCommand(string campaignId, string operatorName)
    {
        var errors = new List<FieldError>();
        NameRules.Check("campaign", campaignId, errors);
        NameRules.CheckText("operator", operatorName, MaxOperatorLength, errors);
        NameRules.ThrowIfAny(errors);
    }
}
