using Coordinator.Notifications;
using Orleans.Concurrency;

namespace Coordinator.Campaigns;

/// <summary>
/// Runs one service's campaigns, one at a time; key = the service name. Progress is persisted at
/// every step transition and a reminder wakes the grain after a crash, so a campaign survives the
/// loss of its silo; every step is idempotent, so a resumed step never flips twice.
/// </summary>
[Alias("coordinator.ICutoverGrain")]
public interface ICutoverGrain : IGrainWithStringKey
{
    /// <summary>Starts a campaign; the same id with the same spec answers it as a replay, a different spec is a conflict.</summary>
    [Alias("Start")]
    Task<CampaignStart> StartAsync(CampaignSpec spec);

    /// <summary>The campaign as last persisted; null when the service has no campaign with that id.</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetStatus")]
    Task<CampaignStatus?> GetStatusAsync(string campaignId);

    /// <summary>The service's campaigns, oldest first: the last finished ones and the current one.</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("List")]
    Task<IReadOnlyList<CampaignStatus>> ListAsync();

    /// <summary>The service's campaign commands (start, approve, pause, resume, abort, rollback) as an audit chain, oldest first.</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetAudit")]
    Task<IReadOnlyList<AuditEntry>> GetAuditAsync();

    /// <summary>Rechecks every keyed hash (with the silo's audit key), link and the kept head and count.</summary>
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

    /// <summary>The evaluator's smoke report for a region in Warm Green.</summary>
    [Alias("SubmitSmokeReport")]
    Task SubmitSmokeReportAsync(string campaignId, SmokeReport report);

    /// <summary>Lets a campaign waiting for approval go on (the next wave, or an inconclusive hold); refused as a conflict in any other state. The approver may have to differ from the operator who started it.</summary>
    [Alias("Approve")]
    Task<CampaignStatus> ApproveAsync(string campaignId, string approver, string reason);

    /// <summary>Stops and rolls back every region the running campaign touched.</summary>
    [Alias("Abort")]
    Task<CampaignStatus> AbortAsync(string campaignId, string operatorName, string reason);

    /// <summary>Holds the campaign where it is (no step advances) until resumed.</summary>
    [Alias("Pause")]
    Task<CampaignStatus> PauseAsync(string campaignId, string operatorName, string reason);

    /// <summary>Lets a paused campaign advance again from where it was held; refused as a conflict unless paused.</summary>
    [Alias("Resume")]
    Task<CampaignStatus> ResumeAsync(string campaignId, string operatorName, string reason);

    /// <summary>Rolls back a completed campaign by the same path as a stop: every region back to Blue.</summary>
    [Alias("Rollback")]
    Task<CampaignStatus> RollbackAsync(string campaignId, string operatorName, string reason);

    /// <summary>
    /// The service's notification outbox after <paramref name="afterSequence"/>, at most
    /// <paramref name="max"/> entries, as storage confirmed it: what webhooks deliver.
    /// </summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetNotifications")]
    Task<NotificationPage> GetNotificationsAsync(long afterSequence, int max);
}

/// <summary>What a start did: started the campaign, or found it already started with the same spec.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.CampaignStart")]
public sealed record CampaignStart(
    [property: Id(0)] CampaignStatus Status,
    [property: Id(1)] bool Replayed);
