using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>Field-by-field comparison of manifests, for Verify invariants and for pinned telemetry.</summary>
public static class ManifestDiff
{
    /// <summary>
    /// The differing fields in manifest order: index_hash, embed_schema, rerank_conf, prompt_ver,
    /// model_ver, secrets_fingerprint, consumer_ver, then (only with <paramref name="includeLabels"/>)
    /// "labels.KEY" in key order. A null <paramref name="actual"/> (no manifest registered) differs in every field.
    /// </summary>
    public static ImmutableList<ManifestFieldDifference> Compare(ArmManifest expected, ArmManifest? actual, bool includeLabels = false)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var differences = ImmutableList.CreateBuilder<ManifestFieldDifference>();
        Add(differences, "index_hash", expected.IndexHash, actual?.IndexHash);
        Add(differences, "embed_schema", expected.EmbedSchema, actual?.EmbedSchema);
        Add(differences, "rerank_conf", expected.RerankConf, actual?.RerankConf);
        Add(differences, "prompt_ver", expected.PromptVer, actual?.PromptVer);
        Add(differences, "model_ver", expected.ModelVer, actual?.ModelVer);
        Add(differences, "secrets_fingerprint", expected.SecretsFingerprint, actual?.SecretsFingerprint);
        Add(differences, "consumer_ver", expected.ConsumerVer, actual?.ConsumerVer);
        if (includeLabels)
        {
            var actualLabels = actual?.Labels ?? ImmutableSortedDictionary<string, string>.Empty;
            foreach (var key in expected.Labels.Keys.Union(actualLabels.Keys).Order(StringComparer.Ordinal))
            {
                Add(differences, "labels." + key, expected.Labels.GetValueOrDefault(key), actualLabels.GetValueOrDefault(key));
            }
        }

        return differences.ToImmutable();
    }

    /// <summary>The differing pinned version fields; a null <paramref name="actual"/> differs in every field.</summary>
    public static ImmutableList<ManifestFieldDifference> Compare(PinnedVersions expected, PinnedVersions? actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var differences = ImmutableList.CreateBuilder<ManifestFieldDifference>();
        Add(differences, "index_hash", expected.IndexHash, actual?.IndexHash);
        Add(differences, "embed_schema", expected.EmbedSchema, actual?.EmbedSchema);
        Add(differences, "rerank_conf", expected.RerankConf, actual?.RerankConf);
        Add(differences, "prompt_ver", expected.PromptVer, actual?.PromptVer);
        Add(differences, "model_ver", expected.ModelVer, actual?.ModelVer);
        return differences.ToImmutable();
    }

    /// <summary>"index_hash: expected 'a', found 'b'; model_ver: ..." or "no differences".</summary>
    public static string Describe(IReadOnlyList<ManifestFieldDifference> differences) =>
        differences.Count == 0 ? "no differences" : string.Join("; ", differences);

    private static void Add(ImmutableList<ManifestFieldDifference>.Builder differences, string field, string? expected, string? actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            differences.Add(new ManifestFieldDifference(field, expected, actual));
        }
    }
}
