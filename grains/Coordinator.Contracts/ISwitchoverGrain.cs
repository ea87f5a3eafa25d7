using Orleans.Concurrency;

namespace Coordinator;

/// <summary>
/// The single active-arm pointer of one (service, region); key "service/region".
/// Every accepted command is persisted and audited before the call returns.
/// </summary>
[Alias("coordinator.ISwitchoverGrain")]
public interface ISwitchoverGrain : IGrainWithStringKey
{
    /// <summary>Registers or replaces an arm's manifest. Refused for the active arm once it has one.</summary>
    [Alias("RegisterArm")]
    Task<RegisterResult> RegisterArmAsync(Arm arm, ArmManifest manifest, string operatorName);

    /// <summary>The region as storage last confirmed it; a region never registered answers Blue at epoch 0 with no manifests.</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetActiveArm")]
    Task<ActiveArmView> GetActiveArmAsync();

    /// <summary>Compare-and-set flip to <see cref="FlipRequest.Target"/> on the expected epoch.</summary>
    [Alias("Flip")]
    Task<FlipResult> FlipAsync(FlipRequest request);

    /// <summary>Gives the region to a campaign; manual flips are refused until it is released.</summary>
    [Alias("Claim")]
    Task<ActiveArmView> ClaimAsync(string campaignId, string operatorName);

    /// <summary>Ends <paramref name="campaignId"/>'s claim so manual flips are accepted again; releasing an unclaimed region changes nothing.</summary>
    [Alias("Release")]
    Task<ActiveArmView> ReleaseAsync(string campaignId, string operatorName);

    /// <summary>The region's audit chain, oldest first (sealed segments, then the entries in state).</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetAudit")]
    Task<IReadOnlyList<AuditEntry>> GetAuditAsync();

    /// <summary>Rechecks every hash and link of the chain and its kept head: detects altered, removed or truncated entries.</summary>
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
