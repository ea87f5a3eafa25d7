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
