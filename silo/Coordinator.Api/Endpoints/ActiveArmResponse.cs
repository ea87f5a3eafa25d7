namespace Coordinator.Api.Endpoints;

/// <summary>What GET .../active answers: the arm to serve from, its epoch (also the ETag), manifest and cache key.</summary>
public sealed record ActiveArmResponse(
    string Service,
    string Region,
    string Arm,
    long Epoch,
    ArmManifest? Manifest,
    string? CacheKey,
    string? OwnerCampaign,
    DateTimeOffset? LastFlipAt)
{
    public static ActiveArmResponse Of(ActiveArmView view) => new(
        view.Service, view.Region, view.ActiveArm.ToWire(), view.Epoch, view.ActiveManifest, view.FormatCacheKey(), view.OwnerCampaign, view.LastFlipAt);
}

/// <summary>One region in GET .../regions: both manifests too.</summary>
public sealed record RegionResponse(
    string Service, string Region, string Arm, long Epoch, ArmManifest? Blue, ArmManifest? Green, string? OwnerCampaign, DateTimeOffset? LastFlipAt)
{
    public static RegionResponse Of(ActiveArmView view) => new(
        view.Service, view.Region, view.ActiveArm.ToWire(), view.Epoch, view.Blue, view.Green, view.OwnerCampaign, view.LastFlipAt);
}

/// <summary>What a flip did (or, replayed, did the first time).</summary>
public sealed record FlipResponse(string From, string To, long Epoch, DateTimeOffset At, string IdempotencyKey, bool Replayed, string AuditHash)
{
    public static FlipResponse Of(FlipResult result) => new(
        result.From.ToWire(), result.To.ToWire(), result.Epoch, result.At, result.IdempotencyKey, result.Replayed, result.AuditHash);
}

/// <summary>What a registration did.</summary>
public sealed record RegisterResponse(string Arm, bool Changed, RegionResponse Region);

/// <summary>An audit chain and, with <c>?verify=true</c>, its verdict.</summary>
public sealed record AuditResponse(string Chain, string Label, IReadOnlyList<AuditEntry> Entries, AuditVerification? Verification);
