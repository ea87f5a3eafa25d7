using Coordinator.Domain;
using Coordinator.Fences;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coordinator.Client.Fences;

/// <summary>Where a <see cref="FencedWriter"/> stands; only Holding may write.</summary>
public enum FencedWriterState
{
    /// <summary>Not yet acquired: do not write.</summary>
    Starting,

    /// <summary>Holding a lease: write with <see cref="FencedWriter.CurrentToken"/>.</summary>
    Holding,

    /// <summary>A campaign froze this writer: stop writing; the writer re-acquires after the unfreeze.</summary>
    Frozen,

    /// <summary>Another holder has the lease: do not write.</summary>
    Held,

    /// <summary>The lease expired or was superseded before it could be renewed: stop writing.</summary>
    Lost,

    /// <summary>Disposed or stopped; the lease was released.</summary>
    Stopped,
}

/// <summary>Settings of a <see cref="FencedWriter"/>.</summary>
public sealed record FencedWriterOptions
{
    /// <summary>How long each grant or renewal lasts; the writer renews at half of it.</summary>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait before trying again after Frozen, Held, Lost or an error.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long one acquire or renew may take (real time) before it counts as failed and is retried.
    /// A call caught on a silo that just died otherwise waits Orleans' 30 s response timeout, which
    /// can outlast the lease.
    /// </summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Unique per process instance; a new one is made if not given.</summary>
    public string HolderId { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
}

/// <summary>
/// Keeps a background writer's lease: acquires it, renews it at half its TTL, and reports when it
/// is frozen or lost so the writer stops. Write only with <see cref="CurrentToken"/>, and pass it to
/// the sink, which checks it with a <see cref="LeaseSinkGuard"/>.
/// </summary>
public sealed partial class FencedWriter : IAsyncDisposable
{
    private readonly ILeaseGrain _lease;
    private readonly FencedWriterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _step = new(1, 1);
    private readonly ITimer _timer;
    private LeaseToken? _token;
    private bool _stopped;

    /// <summary>A writer for the lease <paramref name="writer"/> in (<paramref name="service"/>, <paramref name="region"/>); call <see cref="StartAsync"/> to acquire.</summary>
    /// <param name="client">A connected client.</param>
    /// <param name="service">The service written for.</param>
    /// <param name="region">The region written in.</param>
    /// <param name="writer">The lease name, e.g. "indexer"; one holder at a time per name.</param>
    /// <param name="options">Null for the defaults.</param>
    /// <param name="time">Drives renewals and expiry checks; null for the system clock.</param>
    /// <param name="logger">Null for no logging.</param>
    /// <exception cref="InvalidInputException">A name is not valid.</exception>
    public FencedWriter(IClusterClient client, string service, string region, string writer,
        FencedWriterOptions? options = null, TimeProvider? time = null, ILogger<FencedWriter>? logger = null)
    {
        var errors = new List<FieldError>();
        NameRules.Check("service", service, errors);
        NameRules.Check("region", region, errors);
        NameRules.Check("writer", writer, errors);
        NameRules.ThrowIfAny(errors);
        _options = options ?? new FencedWriterOptions();
        _lease = client.GetGrain<ILeaseGrain>(FenceKey.Format(service, region, writer));
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _timer = _time.CreateTimer(_ => _ = StepAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Where the writer stands; see <see cref="StateChanged"/> to be told of changes.</summary>
    public FencedWriterState State { get; private set; } = FencedWriterState.Starting;

    /// <summary>The campaign that froze this writer, while <see cref="State"/> is Frozen.</summary>
    public string? FrozenBy { get; private set; }

    /// <summary>The token to write with, or null when this writer must not write (including once it has expired).</summary>
    public LeaseToken? CurrentToken =>
        Volatile.Read(ref _token) is { } token && _time.GetUtcNow() < token.ExpiresAt ? token : null;

    /// <summary>Raised after <see cref="State"/> changes.</summary>
    public event Action<FencedWriterState>? StateChanged;

    /// <summary>Makes the first attempt to acquire, then keeps the lease in the background.</summary>
    public Task StartAsync() => StepAsync();

    /// <summary>Stops renewing and releases the lease if held.</summary>
    public async ValueTask DisposeAsync()
    {
        await _step.WaitAsync();
        try
        {
            _stopped = true;
            await _timer.DisposeAsync();
            if (Volatile.Read(ref _token) is { } token)
            {
                try
                {
                    await _lease.ReleaseAsync(token);
                }
                catch (Exception ex)
                {
                    LogReleaseFailed(_logger, ex, token.LeaseKey);
                }
            }

            Volatile.Write(ref _token, null);
            Move(FencedWriterState.Stopped, null);
        }
        finally
        {
            _step.Release();
        }
    }

    private async Task StepAsync()
    {
        await _step.WaitAsync();
        try
        {
            if (_stopped)
            {
                return;
            }

            var next = await TryStepAsync();
            _timer.Change(next, Timeout.InfiniteTimeSpan);
        }
        finally
        {
            _step.Release();
        }
    }

    /// <summary>One acquire or renew; returns when to step again.</summary>
    private async Task<TimeSpan> TryStepAsync()
    {
        var held = Volatile.Read(ref _token);
        try
        {
            // A timed-out call may still have landed: a late grant only expires, a renewal is repeated.
            var grant = await (held is null
                ? _lease.AcquireAsync(_options.HolderId, _options.Ttl)
                : _lease.RenewAsync(held, _options.Ttl)).WaitAsync(_options.CallTimeout);
            return Apply(grant);
        }
        catch (Exception ex)
        {
            LogStepFailed(_logger, ex, held?.LeaseKey ?? "(not held)");
            if (held is not null && _time.GetUtcNow() >= held.ExpiresAt)
            {
                Volatile.Write(ref _token, null);
                Move(FencedWriterState.Lost, null);
            }

            return _options.RetryInterval;
        }
    }

    private TimeSpan Apply(LeaseGrant grant)
    {
        switch (grant.Status)
        {
            case LeaseGrantStatus.Granted:
                var token = grant.Token!;
                Volatile.Write(ref _token, token);
                Move(FencedWriterState.Holding, null);
                var untilRenew = (token.ExpiresAt - _time.GetUtcNow()) / 2;
                return untilRenew > TimeSpan.Zero ? untilRenew : TimeSpan.Zero;
            case LeaseGrantStatus.Frozen:
                Volatile.Write(ref _token, null);
                Move(FencedWriterState.Frozen, grant.FrozenBy);
                return _options.RetryInterval;
            case LeaseGrantStatus.Held:
                Volatile.Write(ref _token, null);
                Move(FencedWriterState.Held, null);
                return _options.RetryInterval;
            default:
                Volatile.Write(ref _token, null);
                Move(FencedWriterState.Lost, null);
                return TimeSpan.Zero;
        }
    }

    private void Move(FencedWriterState state, string? frozenBy)
    {
        FrozenBy = frozenBy;
        if (State == state)
        {
            return;
        }

        State = state;
        LogState(_logger, _options.HolderId, state);
        StateChanged?.Invoke(state);
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Fenced writer {Holder} is now {State}")]
    private static partial void LogState(ILogger logger, string holder, FencedWriterState state);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Lease call for {Lease} failed; retrying")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, string lease);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Debug, Message = "Releasing lease {Lease} failed during dispose")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string lease);
}
