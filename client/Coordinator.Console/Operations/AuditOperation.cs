using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Coordinator.Domain;
using Spectre.Console;

namespace Coordinator.Console.Operations;

/// <summary>Prints a region's audit chain and, when asked, verifies it on the grain and again locally.</summary>
public sealed class AuditOperation(ConsoleIo io)
{
    /// <returns>Null without <paramref name="verify"/>; otherwise the combined verdict.</returns>
    public async Task<AuditVerification?> RunAsync(IClusterClient client, string service, string region, bool verify)
    {
        var pointer = client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, region));

        // Verify on the grain first, then fetch: the chain only grows, so what we fetch must extend
        // what the grain vouched for, even if an entry was appended in between.
        var remote = verify ? await pointer.VerifyAuditAsync() : null;
        var entries = await pointer.GetAuditAsync();

        if (entries.Count == 0)
        {
            io.Out.MarkupLineInterpolated($"no audit entries for [bold]{RegionKey.Format(service, region)}[/]");
        }
        else
        {
            io.Out.Write(AuditTable.Render(service, region, entries, io.Out.Profile.Width));
        }

        if (remote is null)
        {
            return null;
        }

        var verdict = Combine(remote, entries);
        if (verdict.IsValid)
        {
            io.Out.MarkupLineInterpolated($"[green]audit chain verified[/]: {verdict.EntryCount} entries, head {verdict.HeadHash}");
        }
        else
        {
            io.Error.MarkupLineInterpolated($"[red]audit chain verification FAILED[/] for {RegionKey.Format(service, region)}:");
            foreach (var problem in verdict.Problems)
            {
                io.Error.MarkupLineInterpolated($"  {problem}");
            }
        }

        return verdict;
    }

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
        };
    }
}
