namespace Coordinator.Api.Bodies;

// Request bodies: every key optional here, so a missing one is reported with the rest by the shared rules.

/// <summary>POST .../flip.</summary>
public sealed class FlipBody
{
    public string? To { get; set; }

    public string? Reason { get; set; }
}

/// <summary>POST .../leases/{writer}/acquire.</summary>
public sealed class LeaseAcquireBody
{
    public string? HolderId { get; set; }

    public long? TtlSeconds { get; set; }
}

/// <summary>POST .../leases/{writer}/renew and /release: the token as granted.</summary>
public sealed class LeaseTokenBody
{
    public string? HolderId { get; set; }

    public long? FencingToken { get; set; }

    public long? TtlSeconds { get; set; }
}

/// <summary>POST .../campaigns/{id}/approve, pause, resume, abort, rollback.</summary>
public sealed class ReasonBody
{
    public string? Reason { get; set; }
}

/// <summary>POST .../leases/{writer}/release.</summary>
public sealed class LeaseReleaseBody
{
    public long? FencingToken { get; set; }
}

/// <summary>PUT .../consumers/{group}.</summary>
public sealed class ConsumerConfigureBody
{
    public string? ConsumerVer { get; set; }

    public long? Partitions { get; set; }

    public string? LedgerPolicy { get; set; }
}

/// <summary>POST .../consumers/{group}/heartbeat.</summary>
public sealed class HeartbeatBody
{
    public string? InstanceId { get; set; }

    public string? ConsumerVer { get; set; }

    public bool? Paused { get; set; }
}

/// <summary>POST .../consumers/{group}/commit (the idempotency key travels in the Idempotency-Key header).</summary>
public sealed class CommitBody
{
    public long? Partition { get; set; }

    public long? Offset { get; set; }

    public string? PayloadHash { get; set; }

    public long? Token { get; set; }

    public string? ConsumerVer { get; set; }
}

/// <summary>POST .../consumers/{group}/move.</summary>
public sealed class MoveBody
{
    public string? ToConsumerVer { get; set; }

    public string? Reason { get; set; }

    public long? DrainTimeoutSeconds { get; set; }
}

/// <summary>POST .../consumers/{group}/reset.</summary>
public sealed class ResetBody
{
    public long? Partition { get; set; }

    public long? Offset { get; set; }

    public string? Reason { get; set; }
}

/// <summary>PUT .../webhooks/{webhook}.</summary>
public sealed class WebhookBody
{
    public string? Url { get; set; }

    /// <summary>Write-only: required for a new webhook; left out to keep the current one.</summary>
    public string? Secret { get; set; }

    /// <summary>Left out for every event.</summary>
    public List<string?>? Events { get; set; }

    public string? Format { get; set; }
}
