using Coordinator.Domain;
using Coordinator.Fences;

namespace Coordinator.Leases;

/// <summary>A writer lease's decisions as pure functions over <see cref="LeaseState"/>.</summary>
public static class LeaseRules
{
    public static readonly TimeSpan MinTtl = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxTtl = TimeSpan.FromHours(1);
    public const int MaxHolderIdLength = 128;

    /// <summary>The longest a stored horizon runs past the holder's own expiry (see <see cref="HorizonStep"/>).</summary>
    public static readonly TimeSpan MaxHorizonStep = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How far past the holder's own expiry a grant or a renewal that writes moves the stored horizon: half the
    /// TTL, at most <see cref="MaxHorizonStep"/>. The stored holder's <c>ExpiresAt</c> is that horizon, not the
    /// holder's expiry: every expiry promised (to the holder in a grant or renewal, to a sink in a validation) lies
    /// before it, and no activation grants to anyone else before it, so renewals that stay inside it need no write.
    /// The price: a holder that dies is replaced up to one step later than its own expiry.
    /// </summary>
    public static TimeSpan HorizonStep(TimeSpan ttl) => ttl / 2 < MaxHorizonStep ? ttl / 2 : MaxHorizonStep;

    /// <summary>The region facts a grant pins into its token.</summary>
    public readonly record struct RegionFacts(long Epoch, string? ActiveIndexHash);

    public static Decision<LeaseState, LeaseGrant> Acquire(
        LeaseState state, (string Service, string Region, string Writer) key, string holderId, TimeSpan ttl, RegionFacts region, DateTimeOffset now, AuditKey auditKey)
    {
        var errors = new List<FieldError>();
        NameRules.CheckText("holder", holderId, MaxHolderIdLength, errors);
        CheckTtl(ttl, errors);
        NameRules.ThrowIfAny(errors);

        if (state.FrozenBy is { } campaign)
        {
            return Decision<LeaseState, LeaseGrant>.Unchanged(Answer(state, LeaseGrantStatus.Frozen) with { FrozenBy = campaign });
        }

        if (state.Holder is { } holder && now < holder.ExpiresAt)
        {
            return holder.HolderId == holderId
                ? Decision<LeaseState, LeaseGrant>.Unchanged(Answer(state, LeaseGrantStatus.Granted) with { Token = holder })
                : Decision<LeaseState, LeaseGrant>.Unchanged(Answer(state, LeaseGrantStatus.Held) with { HeldBy = holder.HolderId, HeldUntil = holder.ExpiresAt });
        }

        var indexHash = state.PinnedIndexHash is { } pinned && state.PinnedEpoch == region.Epoch ? pinned : region.ActiveIndexHash;
        if (string.IsNullOrEmpty(indexHash))
        {
            throw new ArmNotRegisteredException(RegionKey.Format(key.Service, key.Region), Arm.Blue);
        }

        var token = new LeaseToken
        {
            Service = key.Service,
            Region = key.Region,
            Writer = key.Writer,
            HolderId = holderId,
            FencingToken = state.LatestToken + 1,
            Epoch = region.Epoch,
            IndexHash = indexHash,
            GrantedAt = now,
            ExpiresAt = now + ttl,
        };

        // Stored with the horizon as its expiry, so the first renewals need no write.
        var next = state with { LatestToken = token.FencingToken, Holder = token with { ExpiresAt = now + ttl + HorizonStep(ttl) }, Grants = state.Grants + 1 };
        next = state.Audited(next, now, auditKey, holderId, "grant", $"token={token.FencingToken};epoch={token.Epoch};index_hash={indexHash};ttl_ms={(long)ttl.TotalMilliseconds}");
        return Decision<LeaseState, LeaseGrant>.Changed(next, Answer(next, LeaseGrantStatus.Granted) with { Token = token });
    }

    public static Decision<LeaseState, LeaseGrant> Renew(LeaseState state, LeaseToken token, TimeSpan ttl, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        CheckTtl(ttl, errors);
        NameRules.ThrowIfAny(errors);

        var validity = Check(state, token.FencingToken, now);
        if (validity != LeaseValidity.Valid)
        {
            var status = validity switch
            {
                LeaseValidity.Frozen => LeaseGrantStatus.Frozen,
                LeaseValidity.Expired => LeaseGrantStatus.Expired,
                _ => LeaseGrantStatus.Stale,
            };
            return Decision<LeaseState, LeaseGrant>.Unchanged(Answer(state, status) with { FrozenBy = state.FrozenBy });
        }

        // Inside the stored horizon nothing needs writing: no one is granted the lease before it anyway.
        var holder = state.Holder!;
        var renewed = holder with { ExpiresAt = now + ttl };
        if (renewed.ExpiresAt <= holder.ExpiresAt)
        {
            return Decision<LeaseState, LeaseGrant>.Unchanged(Answer(state, LeaseGrantStatus.Granted) with { Token = renewed });
        }

        var next = state with { Holder = holder with { ExpiresAt = renewed.ExpiresAt + HorizonStep(ttl) } };
        return Decision<LeaseState, LeaseGrant>.Changed(next, Answer(next, LeaseGrantStatus.Granted) with { Token = renewed });
    }

    public static Decision<LeaseState, bool> Release(LeaseState state, LeaseToken token) =>
        state.Holder?.FencingToken == token.FencingToken
            ? Decision<LeaseState, bool>.Changed(state with { Holder = null }, true)
            : Decision<LeaseState, bool>.Unchanged(false);

    public static LeaseValidation Validate(LeaseState state, long fencingToken, DateTimeOffset now)
    {
        var validity = Check(state, fencingToken, now);
        return new LeaseValidation
        {
            Validity = validity,
            LatestFencingToken = state.LatestToken,
            FrozenBy = state.FrozenBy,
            ValidUntil = validity == LeaseValidity.Valid ? state.Holder!.ExpiresAt : null,
        };
    }

    /// <summary>
    /// Whether a validation from <paramref name="held"/> (what one activation last had from storage) must
    /// be checked against what storage holds now before it is answered. Orleans can briefly run two
    /// activations of a lease, and the one that did not write still holds the state it loaded: its Valid
    /// would let a revoked or superseded holder write, and its Expired or Stale for a token another
    /// activation renewed or granted would fence a live holder out of a sink for good (a sink's guard
    /// never asks again about a token refused). Only a token below the latest grant held is refused by
    /// every activation alike: fencing tokens never go back.
    /// </summary>
    public static bool MustConfirm(LeaseState held, long fencingToken) => fencingToken >= held.LatestToken;

    public static Decision<LeaseState, LeaseState> Freeze(LeaseState state, string fence, string campaignId, string operatorName, DateTimeOffset now, AuditKey auditKey)
    {
        ValidateCampaign(campaignId, operatorName, null);
        if (state.FrozenBy == campaignId)
        {
            return Decision<LeaseState, LeaseState>.Unchanged(state);
        }

        if (state.FrozenBy is { } owner)
        {
            throw new FenceNotOwnedException(fence, campaignId, owner);
        }

        // Revoking the holder makes its token invalid now; the next grant is numbered above it.
        var next = state with { FrozenBy = campaignId, Holder = null };
        next = state.Audited(next, now, auditKey, operatorName, "freeze", $"campaign={campaignId};revoked={state.Holder?.FencingToken.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}");
        return Decision<LeaseState, LeaseState>.Changed(next, next);
    }

    public static Decision<LeaseState, LeaseState> Unfreeze(
        LeaseState state, string fence, string campaignId, string indexHash, string operatorName, long regionEpoch, DateTimeOffset now, AuditKey auditKey)
    {
        ValidateCampaign(campaignId, operatorName, indexHash);
        if (state.FrozenBy is null && state.LastUnfrozenBy == campaignId && state.PinnedIndexHash == indexHash)
        {
            return Decision<LeaseState, LeaseState>.Unchanged(state);
        }

        if (state.FrozenBy != campaignId)
        {
            throw new FenceNotOwnedException(fence, campaignId, state.FrozenBy);
        }

        var next = state with { FrozenBy = null, LastUnfrozenBy = campaignId, PinnedIndexHash = indexHash, PinnedEpoch = regionEpoch };
        next = state.Audited(next, now, auditKey, operatorName, "unfreeze", $"campaign={campaignId};index_hash={indexHash};epoch={regionEpoch}");
        return Decision<LeaseState, LeaseState>.Changed(next, next);
    }

    public static LeaseStatus Status(LeaseState state, string writer, long rejections) => new()
    {
        Writer = writer,
        Holder = state.Holder,
        LatestFencingToken = state.LatestToken,
        FrozenBy = state.FrozenBy,
        PinnedIndexHash = state.PinnedIndexHash,
        Grants = state.Grants,
        Rejections = rejections,
    };

    private static LeaseValidity Check(LeaseState state, long fencingToken, DateTimeOffset now)
    {
        if (state.FrozenBy is not null)
        {
            return LeaseValidity.Frozen;
        }

        // Anything but the latest grant is stale; a token above it was never granted.
        if (fencingToken != state.LatestToken)
        {
            return LeaseValidity.Stale;
        }

        return state.Holder is { } holder && holder.FencingToken == fencingToken && now < holder.ExpiresAt
            ? LeaseValidity.Valid
            : LeaseValidity.Expired;
    }

    private static LeaseGrant Answer(LeaseState state, LeaseGrantStatus status) =>
        new() { Status = status, LatestFencingToken = state.LatestToken };

    private static void CheckTtl(TimeSpan ttl, List<FieldError> errors)
    {
        if (ttl < MinTtl || ttl > MaxTtl)
        {
            errors.Add(new FieldError("ttl", $"must be between {MinTtl.TotalSeconds:0} s and {MaxTtl.TotalMinutes:0} min (got {ttl})"));
        }
    }

    private static void ValidateCampaign(string campaignId, string operatorName, string? indexHash)
    {
        var errors = new List<FieldError>();
        NameRules.Check("campaign", campaignId, errors);
        NameRules.CheckText("operator", operatorName, Switchover.SwitchoverRules.MaxOperatorLength, errors);
        if (indexHash is not null)
        {
            ManifestValidator.CheckVersion("index_hash", indexHash, errors);
        }

        NameRules.ThrowIfAny(errors);
    }
}
