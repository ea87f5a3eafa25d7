using System.Collections.Concurrent;
using Coordinator.Campaigns;

namespace Coordinator.IntegrationTests.Infrastructure;

/// <summary>
/// Where a test wants a campaign's grain stopped dead: the first write of the campaign's state that
/// <see cref="Matches"/>, either let through to storage first or held back (<see cref="Persist"/>).
/// </summary>
public sealed class CrashPoint : IDisposable
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _siloKilled;

    internal CrashPoint(string campaignId, string description, Func<CampaignStatus, bool> matches, bool persist)
    {
        CampaignId = campaignId;
        Description = description;
        Matches = matches;
        Persist = persist;
    }

    public string CampaignId { get; }

    public string Description { get; }

    /// <summary>Tested against the campaign status each write of the cutover state carries.</summary>
    public Func<CampaignStatus, bool> Matches { get; }

    /// <summary>True: the matching write reaches storage before the grain stops; false: it never does.</summary>
    public bool Persist { get; }

    /// <summary>Completes once the grain is stopped at this point.</summary>
    public Task Reached => _reached.Task;

    /// <summary>Called by the storage decorator when it stops the grain here.</summary>
    internal void SignalReached() => _reached.TrySetResult();

    /// <summary>What the stopped write waits for: completes (with an error) only if the test ends without killing the silo.</summary>
    internal Task Released => _released.Task;

    /// <summary>The stopped grain's silo was killed: its write stays blocked for good, so it can never write again.</summary>
    public void SiloKilled() => _siloKilled = true;

    /// <summary>
    /// Disarms the point. A grain still stopped here because the test failed before the kill gets an
    /// error from its write, rather than blocking the cluster's shutdown.
    /// </summary>
    public void Dispose()
    {
        CrashPoints.Disarm(this);
        if (!_siloKilled)
        {
            _released.TrySetException(new InvalidOperationException($"crash point '{Description}' was disposed before its silo was killed"));
        }
    }
}

/// <summary>The armed <see cref="CrashPoint"/>s, by campaign; read by every silo's storage decorator (silos run in this process).</summary>
public static class CrashPoints
{
    private static readonly ConcurrentDictionary<string, CrashPoint> Armed = new(StringComparer.Ordinal);

    public static CrashPoint Arm(string campaignId, string description, Func<CampaignStatus, bool> matches, bool persist)
    {
        var point = new CrashPoint(campaignId, description, matches, persist);
        if (!Armed.TryAdd(campaignId, point))
        {
            throw new InvalidOperationException($"campaign '{campaignId}' already has a crash point armed");
        }

        return point;
    }

    /// <summary>The point armed for <paramref name="status"/>'s campaign if this write matches it; it fires once only.</summary>
    internal static CrashPoint? Take(CampaignStatus status)
    {
        if (Armed.TryGetValue(status.CampaignId, out var point) && point.Matches(status)
            && Armed.TryRemove(new KeyValuePair<string, CrashPoint>(status.CampaignId, point)))
        {
            return point;
        }

        return null;
    }

    internal static void Disarm(CrashPoint point) => Armed.TryRemove(new KeyValuePair<string, CrashPoint>(point.CampaignId, point));
}
