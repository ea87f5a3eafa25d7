using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Coordinator.Domain;
using Spectre.Console;

namespace Coordinator.Console.Commands.Audit;

/// <summary>Prints a region's audit chain and, when asked, verifies it on the grain and again locally.</summary>
public sealed class AuditOperation(ConsoleIo io)
{
    /// <param name="json">Print one JSON document (service, region, entries, verification) instead of the table.</param>
    /// <returns>Null without <paramref name="verify"/>; otherwise the combined verdict.</returns>
    public async Task<AuditVerification?> RunAsync(IClusterClient client, string service, string region, bool verify, bool json = false)
    {
        var pointer = client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, region));

        // Verify on the grain first, then fetch: the chain only grows, so what we fetch must extend
        // what the grain vouched for, even if an entry was appended in between.
        var remote = verify ? await pointer.VerifyAuditAsync() : null;
        var entries = await pointer.GetAuditAsync();

        var verdict = remote is null ? null : Combine(remote, entries);
        if (json)
        {
            CampaignJson.Write(io.Out, new { Service = service, Region = region, Entries = entries, Verification = verdict });
        }
        else if (entries.Count == 0)
        {
            io.Out.MarkupLineInterpolated($"no audit entries for [bold]{RegionKey.Format(service, region)}[/]");
        }
        else
        {
            io.Out.Write(AuditTable.Render(service, region, entries, io.Out.Profile.Width));
        }

        if (verdict is null)
        {
            return null;
        }

        if (verdict.IsValid && !json)
        {
            io.Out.MarkupLineInterpolated($"[green]audit chain verified[/]: {verdict.EntryCount} entries, head {verdict.HeadHash}");
        }
        else if (!verdict.IsValid)
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
