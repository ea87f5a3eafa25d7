using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Coordinator.Domain;
using Spectre.Console;

namespace Coordinator.Console.Commands.Audit;

/// <summary>Prints an audit chain and, when asked, verifies it on the grain (with the key) and again locally (without it).</summary>
public sealed class AuditOperation(ConsoleIo io)
{
    /// <summary>The chain <paramref name="target"/> selects: a region's pointer, a writer's lease, a consumer group's pointer, or the service's campaigns.</summary>
    /// <returns>Null without <paramref name="verify"/>; otherwise the combined verdict.</returns>
    public async Task<AuditVerification?> RunAsync(IClusterClient client, AuditTarget target, bool verify, bool json)
    {
        var subject = AuditSubject.Of(client, target);

        // Verify on the grain first, then fetch: the chain only grows, so what we fetch must extend
        // what the grain vouched for, even if an entry was appended in between.
        var remote = verify ? await subject.VerifyAsync() : null;
        var entries = await subject.ReadAsync();

        var verdict = remote is null ? null : Combine(remote, entries);
        if (json)
        {
            CampaignJson.Write(io.Out, new { target.Service, target.Region, target.Writer, target.ConsumerGroup, subject.Chain, Entries = entries, Verification = verdict });
        }
        else if (entries.Count == 0)
        {
            io.Out.MarkupLineInterpolated($"no audit entries for [bold]{subject.Label}[/]");
        }
        else
        {
            io.Out.Write(AuditTable.Render(subject.Label, entries, io.Out.Profile.Width));
        }

        if (verdict is not null)
        {
            WriteVerdict(io, subject.Label, target, verdict, json);
        }

        return verdict;
    }

    /// <summary>The verdict in words: verified (unless JSON already said it), or every problem on standard error.</summary>
    internal static void WriteVerdict(ConsoleIo io, string label, AuditTarget target, AuditVerification verdict, bool json)
    {
        if (verdict.IsValid)
        {
            if (!json)
            {
                io.Out.MarkupLineInterpolated($"[green]audit chain verified[/]: {verdict.EntryCount} entries, head {verdict.HeadHash}");
                io.Out.MarkupLineInterpolated($"  {KeyNote(verdict)}");
            }

            return;
        }

        io.Error.MarkupLineInterpolated($"[red]audit chain verification FAILED[/] for {label}:");
        foreach (var problem in verdict.Problems)
        {
            io.Error.MarkupLineInterpolated($"  {problem}");
        }

        if (verdict.AdoptionNeeded)
        {
            io.Error.MarkupLineInterpolated($"  if this chain was written before the audit key was configured, pin it with: audit adopt-key {target.Arguments} --reason TEXT");
        }
    }

    /// <summary>What was checked where: the key never leaves the silos, so keyed hashes are checked only there.</summary>
    internal static string KeyNote(AuditVerification verdict) =>
        (verdict.KeyChecked
            ? $"{verdict.KeyedEntryCount} keyed entries checked with the silo's audit key on the grain"
            : "the grain did not check keyed hashes")
        + (verdict.EntryCount > verdict.KeyedEntryCount
            ? $"; the first {verdict.EntryCount - verdict.KeyedEntryCount} entries are unkeyed (written before the audit key; pinned by the keyed entry after them)"
            : string.Empty)
        + "; links, sequence and unkeyed hashes re-checked here";

    /// <summary>The grain's verdict, the local re-verification of the fetched entries, and their agreement.</summary>
    internal static AuditVerification Combine(AuditVerification remote, IReadOnlyList<AuditEntry> entries)
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
