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

    /// <summary>
    /// Tokens a grant that writes sets aside when the lease is churning (<see cref="ChurnWindow"/>): the grants after it
    /// take the next tokens from memory, without a write, until the block or <see cref="LeaseState.ReservedUntil"/>
    /// runs out. After a crash they cost this many numbers at most: an activation that cannot account for them
    /// numbers its grants above the block.
    /// </summary>
    public const long ReserveBlock = 1000;

    /// <summary>A grant within this of the previous one reserves a block; a lease quiet this long records what memory holds and closes its block.</summary>
    public static readonly TimeSpan ChurnWindow = TimeSpan.FromSeconds(5);

    /// <summary>Who an acquire is told holds the lease while grants no record accounts for may still be live.</summary>
    public const string UnrecordedHolder = "(unrecorded: granted before the lease moved)";

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

        if (state.UnrecordedUntil is { } unrecorded && now < unrecorded)
        {
            return Decision<LeaseState, LeaseGrant>.Unchanged(Answer(state, LeaseGrantStatus.Held) with { HeldBy = UnrecordedHolder, HeldUntil = unrecorded });
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

        // From the reserve when this activation set aside the token and the expiry fits under its horizon: then
        // nothing needs writing (MustRecord). Otherwise the grant writes, and reserves a block when grants come fast.
        var horizon = now + ttl + HorizonStep(ttl);
        var fromReserve = token.FencingToken <= state.ReservedThrough && token.ExpiresAt <= state.ReservedUntil;
        var reserve = now - state.LastGrantedAt < ChurnWindow ? ReserveBlock - 1 : 0;
        var next = state with
        {
            LatestToken = token.FencingToken,

            // The holder's horizon, so the first renewals need no write.
            Holder = token with { ExpiresAt = fromReserve ? Min(horizon, state.ReservedUntil) : horizon },
            Grants = state.Grants + 1,
            LastGrantedAt = now,
            UnrecordedUntil = null,
            ReservedThrough = fromReserve ? state.ReservedThrough : Math.Max(state.ReservedThrough, token.FencingToken + reserve),
            ReservedUntil = fromReserve ? state.ReservedUntil : Max(state.ReservedUntil, horizon),
        };
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

        // Inside the holder's horizon nothing changes: no one is granted the lease before it anyway.
        var holder = state.Holder!;
        var renewed = holder with { ExpiresAt = now + ttl };
        if (renewed.ExpiresAt <= holder.ExpiresAt)
        {
            return Decision<LeaseState, LeaseGrant>.Unchanged(Answer(state, LeaseGrantStatus.Granted) with { Token = renewed });
        }

        // Grants no record accounts for may follow this holder's recorded horizon: it is not moved before they run out.
        if (state.UnrecordedUntil is { } unrecorded && now < unrecorded)
        {
            return Decision<LeaseState, LeaseGrant>.Unchanged(Answer(state, LeaseGrantStatus.Granted) with { Token = holder with { ExpiresAt = Min(renewed.ExpiresAt, holder.ExpiresAt) } });
        }

        // Inside the lease's recorded horizon the holder's moves in memory (no activation grants before it either);
        // past it the renewal writes, and a quiet lease closes its reserve, recording every grant so far.
        var horizon = renewed.ExpiresAt + HorizonStep(ttl);
        var next = renewed.ExpiresAt <= state.ReservedUntil
            ? state with { Holder = holder with { ExpiresAt = Min(horizon, state.ReservedUntil) } }
            : state with
            {
                Holder = holder with { ExpiresAt = horizon },
                ReservedUntil = horizon,
                ReservedThrough = now - state.LastGrantedAt < ChurnWindow ? state.ReservedThrough : state.LatestToken,
            };
        return Decision<LeaseState, LeaseGrant>.Changed(next, Answer(next, LeaseGrantStatus.Granted) with { Token = renewed });
    }

    /// <summary>Ends the holder's lease; in memory only (<see cref="MustRecord"/>): a release lost in a crash only keeps others waiting until the holder's horizon.</summary>
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
    public static bool MustConfirm(LeaseState held, long fencingToken) => fencingToken >= held.LatestToken || fencingToken == held.Holder?.FencingToken;

    /// <summary>
    /// What an activation may rely on when it takes <paramref name="stored"/> from storage (it activated, or another
    /// activation wrote). A closed reserve records every grant: its holder stands, until the reserve's horizon at least,
    /// since renewals in memory promised up to it. An open one may hide grants made from memory by an activation that is
    /// gone: none of their tokens is valid here, the next grant is numbered above the block, and nobody is granted the
    /// lease before every expiry promised from it has passed. Its recorded holder stands until its recorded horizon, unless
    /// it had released the lease (a holder that released writes no more anyway).
    /// </summary>
    public static LeaseState Adopt(LeaseState stored, DateTimeOffset now, AuditKey auditKey)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.ReservedThrough <= stored.LatestToken)
        {
            return stored.Holder is { } holder && holder.ExpiresAt < stored.ReservedUntil
                ? stored with { Holder = holder with { ExpiresAt = stored.ReservedUntil } }
                : stored;
        }

        // The recorded holder stands until its recorded horizon (no one was granted the lease before it unless the holder
        // released it), but not past it: an unrecorded grant may follow it, so renewals here do not move it.
        var until = Max(stored.ReservedUntil, stored.Holder?.ExpiresAt ?? DateTimeOffset.MinValue);
        var recordedHolder = stored.Holder is { } h && h.FencingToken == stored.LatestToken && now < h.ExpiresAt ? h : null;
        var next = stored with { LatestToken = stored.ReservedThrough, Holder = recordedHolder, UnrecordedUntil = until > now ? until : null };
        return stored.Audited(next, now, auditKey, RecoveryOperator, "recover",
            $"recorded={stored.LatestToken};unrecorded_through={stored.ReservedThrough};no_grant_before={until.UtcDateTime:O}");
    }

    /// <summary>Who the audit chain names for what the coordinator itself recorded (<see cref="Adopt"/>).</summary>
    public const string RecoveryOperator = "coordinator";

    /// <summary>
    /// Whether the change from <paramref name="before"/> to <paramref name="next"/> must be written before it is
    /// answered: anything that moves the reserve or its horizon, a freeze, an unfreeze, or an audit entry other than
    /// a grant. Grants from the reserve, releases and renewals inside the horizon live in memory until the next write.
    /// </summary>
    public static bool MustRecord(LeaseState before, LeaseState next)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(next);
        var appended = next.AuditCount - before.AuditCount;
        return next.ReservedThrough != before.ReservedThrough
            || next.ReservedUntil != before.ReservedUntil
            || next.FrozenBy != before.FrozenBy
            || next.PinnedIndexHash != before.PinnedIndexHash
            || next.PinnedEpoch != before.PinnedEpoch
            || next.LastUnfrozenBy != before.LastUnfrozenBy
            || next.UnrecordedUntil != before.UnrecordedUntil
            || appended < 0
            || next.Audit.Skip(Math.Max(0, next.Audit.Count - (int)Math.Min(appended, int.MaxValue))).Any(e => e.Command != "grant");
    }

    /// <summary>Whether a lease holding changes only in memory should write them now: it has been quiet for <see cref="ChurnWindow"/>.</summary>
    public static bool QuietEnoughToRecord(LeaseState live, DateTimeOffset now) => now - live.LastGrantedAt >= ChurnWindow;

    /// <summary>
    /// What memory holds, to be written: with the reserve closed when the lease is quiet, or when the activation is
    /// going (<paramref name="last"/>: it grants nothing more), so every grant is recorded and a later activation keeps
    /// the holder instead of waiting out the horizon.
    /// </summary>
    public static Decision<LeaseState, LeaseState> Record(LeaseState live, DateTimeOffset now, bool last = false)
    {
        ArgumentNullException.ThrowIfNull(live);
        var close = (last || QuietEnoughToRecord(live, now)) && live.ReservedThrough > live.LatestToken;
        var next = close ? live with { ReservedThrough = live.LatestToken } : live;
        return Decision<LeaseState, LeaseState>.Changed(next, next);
    }

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
        // Grants no record accounts for are revoked with it: the wait for them ends, and the reserve closes.
        var next = state with { FrozenBy = campaignId, Holder = null, UnrecordedUntil = null, ReservedThrough = state.LatestToken };
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

        // The holder's token is the latest grant, or (after an activation found an open reserve) the latest recorded one.
        if (state.Holder is { } holder && holder.FencingToken == fencingToken)
        {
            return now < holder.ExpiresAt ? LeaseValidity.Valid : LeaseValidity.Expired;
        }

        // Anything else below the latest is stale; a token above it was never granted.
        return fencingToken == state.LatestToken ? LeaseValidity.Expired : LeaseValidity.Stale;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

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
