namespace Coordinator.Campaigns;

/// <summary>One field whose value is not the expected one; a null value means "absent".</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.ManifestFieldDifference")]
public sealed record ManifestFieldDifference(
    [property: Id(0)] string Field,
    [property: Id(1)] string? Expected,
    [property: Id(2)] string? Actual)
{
    /// <summary>"field: expected 'a', found 'b'", "(none)" for an absent value; the form operators see in gate and verify reasons.</summary>
    public override string ToString() => $"{Field}: expected '{Expected ?? "(none)"}', found '{Actual ?? "(none)"}'";
}
