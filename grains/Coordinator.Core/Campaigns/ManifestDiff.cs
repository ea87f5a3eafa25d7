using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>Field-by-field comparison of manifests, for Verify invariants and for pinned telemetry.</summary>
public static class ManifestDiff
{
    /// <summary>
    /// The differing fields in manifest order (<see cref="ManifestFields.All"/>), then (only with <paramref name="includeLabels"/>)
    /// "labels.KEY" in key order, then (only with <paramref name="includeEndpoints"/>) "endpoints.REGION" in region order
    /// for each endpoint added, removed or changed. A null <paramref name="actual"/> (no manifest registered) differs in every field.
    /// </summary>
    /// <remarks>
    /// Labels and endpoints are left out by default: they say who owns an arm and where it serves, not which
    /// versions it runs, so a campaign's Verify does not hold a target to them.
    /// </remarks>
    public static ImmutableList<ManifestFieldDifference> Compare(
        ArmManifest expected, ArmManifest? actual, bool includeLabels = false, bool includeEndpoints = false)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var differences = ImmutableList.CreateBuilder<ManifestFieldDifference>();
        foreach (var field in ManifestFields.All)
        {
            Add(differences, field.Name, field.Get(expected), actual is null ? null : field.Get(actual));
        }

        if (includeLabels)
        {
            var actualLabels = actual?.Labels ?? ImmutableSortedDictionary<string, string>.Empty;
            foreach (var key in expected.Labels.Keys.Union(actualLabels.Keys).Order(StringComparer.Ordinal))
            {
                Add(differences, ManifestFields.Labels + "." + key, expected.Labels.GetValueOrDefault(key), actualLabels.GetValueOrDefault(key));
            }
        }

        if (includeEndpoints)
        {
            var actualEndpoints = actual?.Endpoints ?? ImmutableSortedDictionary<string, ArmEndpoint>.Empty;
            foreach (var region in expected.Endpoints.Keys.Union(actualEndpoints.Keys).Order(StringComparer.Ordinal))
            {
                Add(differences, ManifestFields.Endpoints + "." + region,
                    DescribeEndpoint(expected.Endpoints.GetValueOrDefault(region)), DescribeEndpoint(actualEndpoints.GetValueOrDefault(region)));
            }
        }

        return differences.ToImmutable();
    }

    /// <summary>"URL" or "URL (health PATH)"; null for no endpoint.</summary>
    public static string? DescribeEndpoint(ArmEndpoint? endpoint) =>
        endpoint is null ? null : endpoint.HealthPath is null ? endpoint.Url : $"{endpoint.Url} (health {endpoint.HealthPath})";

    /// <summary>The differing pinned version fields; a null <paramref name="actual"/> differs in every field.</summary>
    public static ImmutableList<ManifestFieldDifference> Compare(PinnedVersions expected, PinnedVersions? actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var differences = ImmutableList.CreateBuilder<ManifestFieldDifference>();
        foreach (var field in ManifestFields.Pinned)
        {
            Add(differences, field.Name, field.GetPinned!(expected), actual is null ? null : field.GetPinned!(actual));
        }

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
