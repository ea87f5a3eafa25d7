using Coordinator.Domain;

namespace Coordinator.Operations.Audit;

/// <summary>An audit chain as read, and the combined verdict when it was verified.</summary>
public sealed record AuditReading(AuditSubject Subject, IReadOnlyList<AuditEntry> Entries, AuditVerification? Verification);

/// <summary>Reads an audit chain and, when asked, verifies it on the grain (with the key) and again here (without it).</summary>
public static class AuditOperations
{
    public static async Task<AuditReading> ReadAsync(AuditSubject subject, bool verify)
    {
        // Verify on the grain first, then fetch: the chain only grows, so what is fetched must extend
        // what the grain vouched for, even if an entry was appended in between.
        var remote = verify ? await subject.VerifyAsync() : null;
        var entries = await subject.ReadAsync();
        return new AuditReading(subject, entries, remote is null ? null : Combine(remote, entries));
    }

    /// <summary>What was checked where: the key never leaves the silos, so keyed hashes are checked only there.</summary>
    public static string KeyNote(AuditVerification verdict) =>
        (verdict.KeyChecked
            ? $"{verdict.KeyedEntryCount} keyed entries checked with the silo's audit key on the grain"
            : "the grain did not check keyed hashes")
        + (verdict.EntryCount > verdict.KeyedEntryCount
            ? $"; the first {verdict.EntryCount - verdict.KeyedEntryCount} entries are unkeyed (written before the audit key; pinned by the keyed entry after them)"
            : string.Empty)
        + "; links, sequence and unkeyed hashes re-checked here";

    /// <summary>The grain's verdict, the local re-verification of the fetched entries, and their agreement.</summary>
    public static AuditVerification Combine(AuditVerification remote, IReadOnlyList<AuditEntry> entries)
    {
        var local = AuditChain.Verify(entries);
        var problems = new List<string>();
        problems.AddRange(remote.Problems.Select(p => "grain: " + p));
        problems.AddRange(local.Problems.Select(p => "local: " + p));

        if (entries.Count < remote.EntryCount)
        {
            problems.Add($"local: the grain verified {remote.EntryCount} entries but only {entries.Count} were fetched");
        }
        else if (remote.EntryCount > 0 && entries[remote.EntryCount - 1].Hash != remote.HeadHash)
        {
            problems.Add($"local: entry #{remote.EntryCount} of the fetched chain is not the head the grain verified");
        }

        return new AuditVerification
        {
            IsValid = remote.IsValid && problems.Count == 0,
            EntryCount = entries.Count,
            HeadHash = local.HeadHash,
            Problems = problems,
            KeyedEntryCount = remote.KeyedEntryCount,
            KeyChecked = remote.KeyChecked,
            AdoptionNeeded = remote.AdoptionNeeded,
        };
    }
}
