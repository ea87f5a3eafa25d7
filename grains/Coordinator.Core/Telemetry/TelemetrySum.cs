using Coordinator.Campaigns;

namespace Coordinator.Telemetry;

/// <summary>
/// A running sum of telemetry batches (one time bucket, or a whole window): the totals, and up to two
/// distinct version sets (two are enough to know the sum is mixed). Pure and not thread-safe.
/// </summary>
public sealed class TelemetrySum
{
    private readonly List<PinnedVersions> _versions = new(1);
    private readonly TelemetryTotals _totals = new();

    public long RequestCount => _totals.Requests;

    /// <summary>Adds a batch that <see cref="TelemetryBatchRules"/> accepted.</summary>
    public void Add(TelemetryBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        AddVersions(batch.Versions);
        _totals.Add(batch);
    }

    public void Add(TelemetrySum other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var versions in other._versions)
        {
            AddVersions(versions);
        }

        _totals.Add(other._totals);
    }

    /// <summary>
    /// The window this sum describes (see <see cref="TelemetryTotals.ToWindow"/>). Versions are null and
    /// <see cref="TelemetryWindow.MixedVersions"/> set when more than one set was seen.
    /// </summary>
    public TelemetryWindow ToWindow(string service, string region, Arm arm, DateTimeOffset from, DateTimeOffset to) =>
        _totals.ToWindow(service, region, arm, _versions.Count == 1 ? _versions[0] : null, _versions.Count > 1, from, to);

    /// <summary>This sum as a persisted bucket (exact: <see cref="Add(TelemetryBucket)"/> restores it).</summary>
    public TelemetryBucket ToBucket(long index, string service, string region, Arm arm, DateTimeOffset from, DateTimeOffset to) =>
        new(index, _totals.ToBatch(service, region, arm, _versions[0], from, to), _versions.Count > 1 ? _versions[1] : null);

    /// <summary>Adds a persisted bucket back.</summary>
    public void Add(TelemetryBucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        Add(bucket.Sum);
        if (bucket.OtherVersions is { } other)
        {
            AddVersions(other);
        }
    }

    private void AddVersions(PinnedVersions versions)
    {
        if (_versions.Count < 2 && !_versions.Contains(versions))
        {
            _versions.Add(versions);
        }
    }
}
