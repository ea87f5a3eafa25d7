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
    /// <summary>INDEX_HASH: the retrieval index the arm serves from; caches and writer leases are namespaced by it.</summary>
    [Id(0)] public required string IndexHash { get; init; }
    /// <summary>EMBED_SCHEMA: the embedding model and schema the index was built with.</summary>
    [Id(1)] public required string EmbedSchema { get; init; }
    /// <summary>RERANK_CONF: the reranker and its settings.</summary>
    [Id(2)] public required string RerankConf { get; init; }
    /// <summary>PROMPT_VER: the prompt set the arm answers with.</summary>
    [Id(3)] public required string PromptVer { get; init; }
    /// <summary>MODEL_VER: the generation model the arm calls.</summary>
    [Id(4)] public required string ModelVer { get; init; }

    /// <summary>A hash of the arm's secrets (e.g. "sha256:..."), never the secrets themselves.</summary>
    [Id(5)] public required string SecretsFingerprint { get; init; }

    /// <summary>CONSUMER_VER: the queue-consumer version that consumes for this arm; a campaign's Unfreeze moves consumer groups to it.</summary>
    [Id(6)] public required string ConsumerVer { get; init; }

    /// <summary>Free-form labels (at most 32, keys lowercase); compared like the fields, but not pinned by telemetry.</summary>
    [Id(7)] public ImmutableSortedDictionary<string, string> Labels { get; init; } =
        ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>
    /// The arm's HTTP endpoint per region (region name to endpoint); empty for arms no edge routes to.
    /// Compared like the labels; not pinned by telemetry.
    /// </summary>
    [Id(8)] public ImmutableSortedDictionary<string, ArmEndpoint> Endpoints { get; init; } =
        ImmutableSortedDictionary<string, ArmEndpoint>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Field by field and label by label (the generated equality would compare the labels map by reference).</summary>
    public bool Equals(ArmManifest? other) =>
        other is not null
        && ManifestFields.All.All(f => f.Get(this) == f.Get(other))
        && Labels.Count == other.Labels.Count
        && Labels.All(kv => other.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value)
        && Endpoints.Count == other.Endpoints.Count
        && Endpoints.All(kv => other.Endpoints.TryGetValue(kv.Key, out var e) && e == kv.Value);

    /// <summary>Consistent with <see cref="Equals(ArmManifest)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var field in ManifestFields.All)
        {
            hash.Add(field.Get(this));
        }

        hash.Add(Labels.Count);
        hash.Add(Endpoints.Count);
        return hash.ToHashCode();
    }

    /// <summary>A stable one-line text of every field, used in audit entries.</summary>
    public string ToCanonicalString() =>
        string.Concat(ManifestFields.All.Select(f => $"{f.AuditKey}={f.Get(this)};"))
        + "labels={"
        + string.Join(",", Labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))
        + "}"
        + CanonicalEndpoints();

    /// <summary>Empty when there are none, so audit entries written before endpoints existed still verify.</summary>
    private string CanonicalEndpoints() =>
        Endpoints.Count == 0
            ? string.Empty
            : ";endpoints={"
              + string.Join(",", Endpoints.Select(kv => $"{kv.Key}={kv.Value.Url}{(kv.Value.HealthPath is null ? string.Empty : " health " + kv.Value.HealthPath)}"))
              + "}";
}
