namespace Coordinator;

/// <summary>What a region serves right now: the active arm, its epoch and both manifests.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.ActiveArmView")]
public sealed record ActiveArmView
{
    /// <summary>The service name, as registered.</summary>
    [Id(0)] public required string Service { get; init; }
    /// <summary>The region name, as registered.</summary>
    [Id(1)] public required string Region { get; init; }
    /// <summary>The arm requests go to now.</summary>
    [Id(2)] public required Arm ActiveArm { get; init; }

    /// <summary>Increases by one on every accepted flip; 0 before the first flip.</summary>
    [Id(3)] public required long Epoch { get; init; }

    /// <summary>Blue's manifest; null until Blue is registered.</summary>
    [Id(4)] public ArmManifest? Blue { get; init; }
    /// <summary>Green's manifest; null until Green is registered.</summary>
    [Id(5)] public ArmManifest? Green { get; init; }

    /// <summary>The campaign that owns the region, if any; while set, manual flips are refused.</summary>
    [Id(6)] public string? OwnerCampaign { get; init; }

    /// <summary>When the last accepted flip was persisted; null before the first flip.</summary>
    [Id(7)] public DateTimeOffset? LastFlipAt { get; init; }

    /// <summary>The manifest registered for <paramref name="arm"/>; null when that arm is not registered.</summary>
    public ArmManifest? ManifestOf(Arm arm) => arm == Arm.Blue ? Blue : Green;

    /// <summary>The manifest requests are served with; null only if the active arm was never registered.</summary>
    public ArmManifest? ActiveManifest => ManifestOf(ActiveArm);

    /// <summary>
    /// "service/region/e{epoch}/{INDEX_HASH}": what callers prefix their own cache keys with, so entries
    /// filled under another arm or epoch are never read again; null while the active arm has no manifest.
    /// </summary>
    public string? FormatCacheKey() => ActiveManifest is { } manifest ? $"{Service}/{Region}/e{Epoch}/{manifest.IndexHash}" : null;
}
