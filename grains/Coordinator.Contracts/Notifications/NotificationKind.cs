using System.Collections.Immutable;

namespace Coordinator.Notifications;

/// <summary>The campaign events a webhook can be sent; a subset of the campaign's events, chosen for people who are not watching.</summary>
[GenerateSerializer]
[Alias("coordinator.NotificationKind")]
public enum NotificationKind
{
    /// <summary>A campaign was accepted and its plan persisted.</summary>
    Started = 0,

    /// <summary>Every region of one wave finished its checklist (the notification names the wave, 1-based).</summary>
    WaveDone = 1,

    /// <summary>A region's warm or hold gate failed; the message names the failing metrics with their numbers.</summary>
    GateFailed = 2,

    /// <summary>The campaign stopped for an operator: approval before a wave, or an inconclusive extended hold.</summary>
    WaitingForOperator = 3,

    /// <summary>The rollback finished: every touched region is on Blue again.</summary>
    RolledBack = 4,

    /// <summary>Every region finished its checklist and serves Green.</summary>
    Completed = 5,

    /// <summary>The rollback stopped for an operator; the message names the regions and what failed.</summary>
    RollbackBlocked = 6,
}

/// <summary>The wire names of <see cref="NotificationKind"/> (snake_case, as the API writes enums).</summary>
public static class NotificationKinds
{
    /// <summary>Every kind, in the order a campaign would announce them.</summary>
    public static readonly ImmutableList<NotificationKind> All =
    [
        NotificationKind.Started,
        NotificationKind.WaveDone,
        NotificationKind.GateFailed,
        NotificationKind.WaitingForOperator,
        NotificationKind.RolledBack,
        NotificationKind.Completed,
        NotificationKind.RollbackBlocked,
    ];

    /// <summary>"started", "wave_done", "gate_failed", "waiting_for_operator", "rolled_back", "completed", "rollback_blocked".</summary>
    public static string ToWire(this NotificationKind kind) => kind switch
    {
        NotificationKind.Started => "started",
        NotificationKind.WaveDone => "wave_done",
        NotificationKind.GateFailed => "gate_failed",
        NotificationKind.WaitingForOperator => "waiting_for_operator",
        NotificationKind.RolledBack => "rolled_back",
        NotificationKind.Completed => "completed",
        NotificationKind.RollbackBlocked => "rollback_blocked",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a notification kind"),
    };

    /// <summary>The kind with wire name <paramref name="name"/>; false for anything else (names are case-sensitive).</summary>
    public static bool TryParse(string? name, out NotificationKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToWire(), name, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
