namespace Coordinator;

/// <summary>What a region serves right now: the active arm, its epoch and both manifests.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.ActiveArmView")]
public sealed record ActiveArmView
{
    [Id(0)] public required string Service { get; init; }
    [Id(1)] public required string Region { get; init; }
    [Id(2)] public required Arm ActiveArm { get; init; }

    /// <summary>Increases by one on every accepted flip; 0 before the first flip.</summary>
    [Id(3)] public required long Epoch { get; init; }

    [Id(4)] public ArmManifest? Blue { get; init; }
    [Id(5)] public ArmManifest? Green { get; init; }

    /// <summary>The campaign that owns the region, if any; while set, manual flips are refused.</summary>
    [Id(6)] public string? OwnerCampaign { get; init; }

    [Id(7)] public DateTimeOffset? LastFlipAt { get; init; }

    public ArmManifest? ManifestOf(Arm arm) => arm == Arm.Blue ? Blue : Green;

    public ArmManifest? ActiveManifest => ManifestOf(ActiveArm);
}
