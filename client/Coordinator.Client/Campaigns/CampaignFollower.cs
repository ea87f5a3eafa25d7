using System.Threading.Channels;
using Coordinator.Campaigns;
using Orleans.Runtime;
using Orleans.Streams;

namespace Coordinator.Client.Campaigns;

/// <summary>
/// Follows one campaign: its changes and their events as the CutoverGrain publishes them, with the
/// status re-read on every update. The stream is best effort and the status is the truth, so each
/// <see cref="NextAsync"/> returns the status as of now with the new changes, in order, and says
/// whether some were missed.
/// </summary>
public sealed class CampaignFollower : IAsyncDisposable
{
    private readonly Channel<CampaignChange> _changes = Channel.CreateUnbounded<CampaignChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ICutoverGrain _grain;
    private readonly string _campaignId;
    private StreamSubscriptionHandle<CampaignChange>? _subscription;
    private long _seenVersion;
    private long? _aheadAt;

    private CampaignFollower(IClusterClient client, string service, string campaignId)
    {
        _grain = client.GetGrain<ICutoverGrain>(service);
        _campaignId = campaignId;
    }

    /// <summary>The latest status read; the starting point, then updated by every <see cref="NextAsync"/>.</summary>
    public CampaignStatus Status { get; private set; } = null!;

    /// <summary>Subscribes, then reads the status, so nothing can fall between the two.</summary>
    /// <exception cref="InvalidInputException">The service has no campaign with that id.</exception>
    public static async Task<CampaignFollower> StartAsync(IClusterClient client, string service, string campaignId)
    {
        ArgumentNullException.ThrowIfNull(client);
        var follower = new CampaignFollower(client, service, campaignId);
        try
        {
            var stream = client.GetStreamProvider(FlipStream.ProviderName)
                .GetStream<CampaignChange>(StreamId.Create(CampaignEventStream.Namespace, service));
            follower._subscription = await stream.SubscribeAsync((e, _) => follower.OnChange(e));
            follower.Status = await follower.ReadAsync();
            follower._seenVersion = follower.Status.Version;
            return follower;
        }
        catch
        {
            await follower.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits up to <paramref name="quiet"/> for changes, then re-reads the status. Changes already
    /// accounted for are dropped. A change that does not follow on from the last one seen is a gap; so
    /// is a status that stays ahead of the changes for two quiet waits in a row (they were lost). After
    /// a gap the status stands for what was missed.
    /// </summary>
    public async Task<CampaignUpdate> NextAsync(TimeSpan quiet, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(quiet);
        var arrived = false;
        try
        {
            arrived = await _changes.Reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Quiet for the whole wait: fall through to the status read.
        }

        var fresh = new List<CampaignChange>();
        var gap = false;
        while (_changes.Reader.TryRead(out var change))
        {
            if (change.Version <= _seenVersion)
            {
                continue;
            }

            gap |= change.PreviousVersion > _seenVersion;
            _seenVersion = change.Version;
            fresh.Add(change);
        }

        Status = await ReadAsync();
        if (!arrived && Status.Version > _seenVersion)
        {
            // The status moved on while nothing arrived. The read may just have overtaken a change
            // still on its way (the grain saves on a cadence close to the wait), so the changes count
            // as lost only if they have not come by the next quiet wait.
            if (_aheadAt is { } ahead && _seenVersion < ahead)
            {
                gap = true;
                _seenVersion = Status.Version;
                _aheadAt = null;
            }
            else
            {
                _aheadAt = Status.Version;
            }
        }
        else if (_aheadAt is { } ahead && _seenVersion >= ahead)
        {
            _aheadAt = null;
        }

        return new CampaignUpdate(Status, fresh, gap, CaughtUp: _seenVersion >= Status.Version);
    }

    /// <summary>Ends the follow and unsubscribes from the campaign stream; safe to call when the cluster is already gone.</summary>
    public async ValueTask DisposeAsync()
    {
        _changes.Writer.TryComplete();
        if (_subscription is { } subscription)
        {
            _subscription = null;
            try
            {
                await subscription.UnsubscribeAsync();
            }
            catch (Exception)
            {
                // The cluster may be gone already; the subscription dies with the client.
            }
        }
    }

    private Task OnChange(CampaignChange change)
    {
        if (change.CampaignId == _campaignId)
        {
            _changes.Writer.TryWrite(change);
        }

        return Task.CompletedTask;
    }

    private async Task<CampaignStatus> ReadAsync() =>
        await _grain.GetStatusAsync(_campaignId)
        ?? throw new InvalidInputException("campaign", $"'{_campaignId}' is not a campaign of {_grain.GetPrimaryKeyString()}");
}

/// <summary>The status as of now, the changes since the last update (oldest first), and whether some were missed.</summary>
/// <param name="Status">The campaign as just read from the grain: always the truth, whatever the stream delivered.</param>
/// <param name="Changes">The changes that arrived since the last update, oldest first; may be empty.</param>
/// <param name="Gap">
/// Some changes were lost on the stream (the status moved past them and they never came): their events
/// are gone, so show <paramref name="Status"/> rather than replaying events.
/// </param>
/// <param name="CaughtUp">Whether the changes seen so far account for everything in <paramref name="Status"/>.</param>
public sealed record CampaignUpdate(CampaignStatus Status, IReadOnlyList<CampaignChange> Changes, bool Gap, bool CaughtUp);
