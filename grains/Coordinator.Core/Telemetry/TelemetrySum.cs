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

    private void AddVersions(PinnedVersions versions)
    {
        if (_versions.Count < 2 && !_versions.Contains(versions))
        {
            _versions.Add(versions);
        }
    }
}
