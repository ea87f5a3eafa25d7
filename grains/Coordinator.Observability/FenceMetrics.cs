using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Coordinator.Observability;

/// <summary>The fences' instruments: lease grants and rejections, and the idempotency ledger's dedupe hits and conflicts.</summary>
public static class FenceMetrics
{
    private static readonly Counter<long> Grants = CoordinatorDiagnostics.Meter.CreateCounter<long>(
        InstrumentNames.LeaseGrants, "{grant}", "New lease tokens granted.");

    private static readonly Counter<long> Rejections = CoordinatorDiagnostics.Meter.CreateCounter<long>(
        InstrumentNames.LeaseRejections, "{rejection}", "Lease acquisitions, renewals and token checks refused, by reason.");

    private static readonly Counter<long> DedupeHits = CoordinatorDiagnostics.Meter.CreateCounter<long>(
        InstrumentNames.LedgerDedupeHits, "{commit}", "Commits answered Duplicate: the key was in the ledger with the same payload, nothing applied twice.");

    private static readonly Counter<long> Conflicts = CoordinatorDiagnostics.Meter.CreateCounter<long>(
        InstrumentNames.LedgerConflicts, "{commit}", "Commits answered Conflict: the key was in the ledger with another payload.");

    /// <summary>A new fencing token was granted to a writer.</summary>
    public static void LeaseGranted(string service, string region, string writer) =>
        Grants.Add(1, new TagList { { TagNames.Service, service }, { TagNames.Region, region }, { TagNames.Writer, writer } });

    /// <summary>A lease call was refused; <paramref name="reason"/> is a bounded word (frozen, held, stale, expired, ...).</summary>
    public static void LeaseRejected(string service, string region, string writer, string reason) =>
        Rejections.Add(1, new TagList { { TagNames.Service, service }, { TagNames.Region, region }, { TagNames.Writer, writer }, { TagNames.Reason, reason } });

    /// <summary>A commit's key was already in the ledger with the same payload.</summary>
    public static void LedgerDuplicate(string service, string region, string group) =>
        DedupeHits.Add(1, new TagList { { TagNames.Service, service }, { TagNames.Region, region }, { TagNames.Group, group } });

    /// <summary>A commit's key was already in the ledger with another payload.</summary>
    public static void LedgerConflict(string service, string region, string group) =>
        Conflicts.Add(1, new TagList { { TagNames.Service, service }, { TagNames.Region, region }, { TagNames.Group, group } });
}
