using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Coordinator.Operations.Audit;
using Spectre.Console;

namespace Coordinator.Console.Commands.Audit;

/// <summary>Prints an audit chain and, when asked, its verdict (checked by <see cref="AuditOperations"/>).</summary>
public sealed class AuditOperation(ConsoleIo io)
{
    /// <summary>The chain <paramref name="settings"/> select: a region's pointer, a writer's lease, or the service's campaigns.</summary>
    /// <returns>Null without --verify; otherwise the combined verdict.</returns>
    public async Task<AuditVerification?> RunAsync(IClusterClient client, AuditSettings settings)
    {
        var reading = await AuditOperations.ReadAsync(SubjectOf(client, settings), settings.Verify);
        var (subject, entries, verdict) = (reading.Subject, reading.Entries, reading.Verification);
        if (settings.Json)
        {
            CampaignJson.Write(io.Out, new { Service = settings.Service, settings.Region, settings.Writer, subject.Chain, Entries = entries, Verification = verdict });
        }
        else if (entries.Count == 0)
        {
            io.Out.MarkupLineInterpolated($"no audit entries for [bold]{subject.Label}[/]");
        }
        else
        {
            io.Out.Write(AuditTable.Render(subject.Label, entries, io.Out.Profile.Width));
        }

        if (verdict is null)
        {
            return null;
        }

        if (verdict.IsValid && !settings.Json)
        {
            io.Out.MarkupLineInterpolated($"[green]audit chain verified[/]: {verdict.EntryCount} entries, head {verdict.HeadHash}");
            io.Out.MarkupLineInterpolated($"  {AuditOperations.KeyNote(verdict)}");
        }
        else if (!verdict.IsValid)
        {
            io.Error.MarkupLineInterpolated($"[red]audit chain verification FAILED[/] for {subject.Label}:");
            foreach (var problem in verdict.Problems)
            {
                io.Error.MarkupLineInterpolated($"  {problem}");
            }
        }

        return verdict;
    }

    private static AuditSubject SubjectOf(IClusterClient client, AuditSettings settings) =>
        settings.Campaigns ? AuditSubject.Campaigns(client, settings.Service)
        : settings.Writer is { } writer ? AuditSubject.Lease(client, settings.Service, settings.Region!, writer)
        : AuditSubject.Pointer(client, settings.Service, settings.Region!);
}
