using Orleans.Concurrency;

namespace Coordinator.Fences;

/// <summary>
/// Which CONSUMER_VER may consume a (service, region, consumer group), its committed offsets and its
/// idempotency ledger; key "service/region/group".
/// </summary>
[Alias("coordinator.IConsumerPointerGrain")]
public interface IConsumerPointerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the pointer for <paramref name="consumerVer"/> over partitions 0..partitions-1; idempotent.
    /// <paramref name="ledgerPolicy"/> sets what a full idempotency ledger does (null keeps the current
    /// policy; a new group is <see cref="LedgerPolicy.FailClosed"/>).
    /// </summary>
    [Alias("Configure")]
    Task<ConsumerPointerStatus> ConfigureAsync(string consumerVer, int partitions, string operatorName, LedgerPolicy? ledgerPolicy = null);

    /// <summary>Reports a live instance of <paramref name="consumerVer"/> and answers what it should do: consume (with its token and offsets), pause or stop. Send <paramref name="paused"/> true once a pause is drained.</summary>
    [Alias("Heartbeat")]
    Task<ConsumerDirective> HeartbeatAsync(string instanceId, string consumerVer, bool paused);

    /// <summary>Commits an offset with an idempotency key: accepted, a duplicate (already done, skip it), fenced (stop and heartbeat), a key conflict, or ledger-full (the group's ledger is full and fail-closed).</summary>
    [Alias("Commit")]
    Task<CommitResult> CommitAsync(CommitRequest request);

    /// <summary>Pauses the current version (a campaign's freeze step); idempotent per campaign.</summary>
    [Alias("Pause")]
    Task<ConsumerPointerStatus> PauseAsync(string campaignId, string operatorName);

    /// <summary>Lifts <paramref name="campaignId"/>'s pause so the current version consumes again.</summary>
    [Alias("Resume")]
    Task<ConsumerPointerStatus> ResumeAsync(string campaignId, string operatorName);

    /// <summary>Starts moving consumption to another CONSUMER_VER; follow it with <see cref="GetMoveAsync"/>.</summary>
    [Alias("StartMove")]
    Task<MoveStatus> StartMoveAsync(MoveRequest request);

    /// <summary>The move started with <paramref name="idempotencyKey"/>; null if there is none.</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetMove")]
    Task<MoveStatus?> GetMoveAsync(string idempotencyKey);

    /// <summary>Sets a partition's offset explicitly (the only way it may go backwards); audited.</summary>
    [Alias("ResetOffset")]
    Task<ConsumerPointerStatus> ResetOffsetAsync(int partition, long offset, string operatorName, string reason);

    /// <summary>The pointer as storage last confirmed it: version, token, offsets, instances, pause and move.</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetStatus")]
    Task<ConsumerPointerStatus> GetStatusAsync();

    /// <summary>The pointer's audit chain (configures, pauses, resumes, moves, offset resets, ledger-full and ledger-room), oldest first, as storage last confirmed it.</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetAudit")]
    Task<IReadOnlyList<AuditEntry>> GetAuditAsync();

    /// <summary>Rechecks every keyed hash (with the silo's audit key), link, sealed segment and the kept head and count.</summary>
    [ReadOnly, AlwaysInterleave]
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
