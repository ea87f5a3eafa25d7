using Coordinator.Domain;
using Coordinator.Fences;

namespace Coordinator.Client.Fences;

/// <summary>
/// One queue-consumer instance's view of its consumer pointer: heartbeat to learn whether to
/// consume, pause or stop (and with which token and offsets), and commit side effects through the
/// pointer's idempotency ledger. Call <see cref="HeartbeatAsync"/> every few seconds and act on it.
/// </summary>
public sealed class FencedConsumer
{
    private readonly IConsumerPointerGrain _pointer;
    private ConsumerDirective? _directive;
    private string? _ledgerFullReason;

    /// <summary>A consumer instance of <paramref name="consumerVer"/> in <paramref name="group"/>.</summary>
    /// <param name="client">A connected client.</param>
    /// <param name="service">The service the group consumes for.</param>
    /// <param name="region">The region.</param>
    /// <param name="group">The consumer group; its pointer must have been configured.</param>
    /// <param name="consumerVer">This instance's CONSUMER_VER; only the pointer's active version may commit.</param>
    /// <param name="instanceId">Unique per instance; null makes one from the machine, process and a GUID.</param>
    /// <exception cref="InvalidInputException">A name or the version is not valid.</exception>
    public FencedConsumer(IClusterClient client, string service, string region, string group, string consumerVer, string? instanceId = null)
    {
        var errors = new List<FieldError>();
        NameRules.Check("service", service, errors);
        NameRules.Check("region", region, errors);
        NameRules.Check("group", group, errors);
        ManifestValidator.CheckVersion("consumer_ver", consumerVer, errors);
        NameRules.ThrowIfAny(errors);
        _pointer = client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(service, region, group));
        ConsumerVer = consumerVer;
        InstanceId = instanceId ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
    }

    /// <summary>This instance's CONSUMER_VER.</summary>
    public string ConsumerVer { get; }

    /// <summary>This instance's id, as the pointer lists it.</summary>
    public string InstanceId { get; }

    /// <summary>The last directive received, or null before the first heartbeat.</summary>
    public ConsumerDirective? Directive => Volatile.Read(ref _directive);

    /// <summary>True while this instance may take new messages.</summary>
    public bool MayConsume => Directive?.Kind == ConsumerDirectiveKind.Consume;

    /// <summary>
    /// Reports this instance and gets its directive. Pass <paramref name="paused"/> = true once all
    /// in-flight work is done after a Pause: that is the acknowledgement a move waits for.
    /// </summary>
    public async Task<ConsumerDirective> HeartbeatAsync(bool paused = false)
    {
        var directive = await _pointer.HeartbeatAsync(InstanceId, ConsumerVer, paused);
        Volatile.Write(ref _directive, directive);
        return directive;
    }

    /// <summary>
    /// Records one side effect. Apply the effect only on <see cref="CommitOutcome.Accepted"/>; a
    /// Duplicate was applied before, Fenced means stop (heartbeat for a new directive), Conflict means
    /// the key was reused for a different payload. <see cref="CommitOutcome.LedgerFull"/> means the
    /// group's idempotency ledger is full and fail-closed: nothing was applied, stop taking new
    /// messages and heartbeat (the directive is Pause until the ledger has room); the result's
    /// <see cref="CommitResult.Reason"/> says why and what frees room. It is also kept in
    /// <see cref="LedgerFullReason"/> until a commit is accepted again.
    /// </summary>
    public Task<CommitResult> CommitAsync(int partition, long offset, string idempotencyKey, string payloadHash)
    {
        var token = Directive?.Token ?? throw new InvalidOperationException("no token yet: heartbeat first and consume only when told to");
        return SendAsync(new CommitRequest
        {
            Partition = partition,
            Offset = offset,
            IdempotencyKey = idempotencyKey,
            PayloadHash = payloadHash,
            Token = token,
            ConsumerVer = ConsumerVer,
        });
    }

    /// <summary>
    /// Why the last commit was refused as <see cref="CommitOutcome.LedgerFull"/>; null once a commit
    /// was accepted (or none was refused).
    /// </summary>
    public string? LedgerFullReason => Volatile.Read(ref _ledgerFullReason);

    private async Task<CommitResult> SendAsync(CommitRequest request)
    {
        var result = await _pointer.CommitAsync(request);
        if (result.Outcome == CommitOutcome.LedgerFull)
        {
            Volatile.Write(ref _ledgerFullReason, result.Reason ?? "the idempotency ledger is full");
        }
        else if (result.Outcome == CommitOutcome.Accepted)
        {
            Volatile.Write(ref _ledgerFullReason, null);
        }

        return result;
    }
}
