namespace Coordinator.Client;

/// <summary>
/// What a service should serve from in one region, as its resolver last saw it. Immutable: a
/// request that holds one keeps a consistent arm, epoch and manifest however the pointer moves.
/// </summary>
public sealed class ActiveArm
{
    internal ActiveArm(ActiveArmView view, ArmManifest manifest)
    {
        View = view;
        Manifest = manifest;
        CacheKey = view.FormatCacheKey() ?? throw new ArgumentException("the active arm has no manifest", nameof(view));
    }

    /// <summary>The service the arm serves.</summary>
    public string Service => View.Service;

    /// <summary>The region the arm serves.</summary>
    public string Region => View.Region;

    /// <summary>Blue or Green: which stack to send this request to.</summary>
    public Arm Arm => View.ActiveArm;

    /// <summary>The pointer's epoch when read; never lower than an epoch this resolver returned before.</summary>
    public long Epoch => View.Epoch;

    /// <summary>The active arm's manifest.</summary>
    public ArmManifest Manifest { get; }

    /// <summary>INDEX_HASH of the active manifest: the index to query, and what writers' leases carry.</summary>
    public string IndexHash => Manifest.IndexHash;

    /// <summary>
    /// "service/region/e{epoch}/{INDEX_HASH}": prefix your own cache keys with it so entries filled
    /// from one arm are never read after a flip to the other.
    /// </summary>
    public string CacheKey { get; }

    /// <summary>The pointer as read: both manifests, owner campaign, last flip time.</summary>
    public ActiveArmView View { get; }

    /// <summary>The <see cref="CacheKey"/>.</summary>
    public override string ToString() => CacheKey;
}
