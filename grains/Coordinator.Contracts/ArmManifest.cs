using System.Collections.Immutable;

namespace Coordinator;

/// <summary>
/// The pinned version fields of one arm. Two arms are interchangeable only when these match what a
/// campaign expects, so every field takes part in equality.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.ArmManifest")]
public sealed record ArmManifest
{
    [Id(0)] public required string IndexHash { get; init; }
    [Id(1)] public required string EmbedSchema { get; init; }
    [Id(2)] public required string RerankConf { get; init; }
    [Id(3)] public required string PromptVer { get; init; }
    [Id(4)] public required string ModelVer { get; init; }

    /// <summary>A hash of the arm's secrets (e.g. "sha256:..."), never the secrets themselves.</summary>
    [Id(5)] public required string SecretsFingerprint { get; init; }

    [Id(6)] public required string ConsumerVer { get; init; }

    [Id(7)] public ImmutableSortedDictionary<string, string> Labels { get; init; } =
        ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    public bool Equals(ArmManifest? other) =>
        other is not null
        && ManifestFields.All.All(f => f.Get(this) == f.Get(other))
        && Labels.Count == other.Labels.Count
        && Labels.All(kv => other.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var field in ManifestFields.All)
        {
            hash.Add(field.Get(this));
        }

        hash.Add(Labels.Count);
        return hash.ToHashCode();
    }

    /// <summary>A stable one-line text of every field, used in audit entries.</summary>
    public string ToCanonicalString() =>
        string.Concat(ManifestFields.All.Select(f => $"{f.AuditKey}={f.Get(this)};"))
        + "labels={"
        + string.Join(",", Labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))
        + "}";
}
