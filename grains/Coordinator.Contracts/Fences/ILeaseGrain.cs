using Orleans.Concurrency;

namespace Coordinator.Fences;

/// <summary>One background writer's lease in one region; key "service/region/writer".</summary>
[Alias("coordinator.ILeaseGrain")]
public interface ILeaseGrain : IGrainWithStringKey
{
    /// <summary>Grants a new fencing token for <paramref name="ttl"/>, unless frozen or held by another holder.</summary>
    [Alias("Acquire")]
    Task<LeaseGrant> AcquireAsync(string holderId, TimeSpan ttl);

    /// <summary>Extends the holder's lease; answers Frozen/Stale/Expired when the token no longer holds.</summary>
    [Alias("Renew")]
    Task<LeaseGrant> RenewAsync(LeaseToken token, TimeSpan ttl);

    /// <summary>Ends the lease if <paramref name="token"/> still holds it; otherwise does nothing.</summary>
    [Alias("Release")]
    Task ReleaseAsync(LeaseToken token);

    /// <summary>What a write sink asks before applying a write.</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("Validate")]
    Task<LeaseValidation> ValidateAsync(long fencingToken);

    /// <summary>Revokes the current lease and refuses grants until the same campaign unfreezes.</summary>
    [Alias("Freeze")]
    Task<LeaseStatus> FreezeAsync(string campaignId, string operatorName);

    /// <summary>Lifts a freeze; later grants carry a higher token and <paramref name="indexHash"/>.</summary>
    [Alias("Unfreeze")]
    Task<LeaseStatus> UnfreezeAsync(string campaignId, string indexHash, string operatorName);

    /// <summary>The lease as this activation relies on it: holder, tokens, expiry and freeze (grants from the reserve included, which storage confirms at the next write).</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetStatus")]
    Task<LeaseStatus> GetStatusAsync();

    /// <summary>
    /// The lease's audit chain (grants, freezes, unfreezes), oldest first, as storage confirmed it: grants held in
    /// memory are recorded first, so this is a write when there are any (not interleaved).
    /// </summary>
    [Alias("GetAudit")]
    Task<IReadOnlyList<AuditEntry>> GetAuditAsync();

    /// <summary>Rechecks every keyed hash (with the silo's audit key), link and the kept head and count, after recording grants held in memory.</summary>
    [Alias("VerifyAudit")]
    Task<AuditVerification> VerifyAuditAsync();

    /// <summary>
    /// Adopts the silo's audit key for a chain written before it was configured: appends one keyed
    /// <c>adopt-key</c> entry (with <paramref name="operatorName"/> and <paramref name="reason"/>) whose HMAC
    /// covers the current head, so the unkeyed entries before it verify from then on. Appends nothing to
    /// a chain that is empty or already ends in a keyed entry; refused (Conflict) for a chain that does
    /// not verify without the key or has unkeyed entries after keyed ones.
    /// </summary>
    [Alias("AdoptAuditKey")]
    Task<AuditAdoption> AdoptAuditKeyAsync(string operatorName, string reason);
}
