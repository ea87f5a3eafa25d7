using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Coordinator.Operations.Audit;
using Spectre.Console;

namespace Coordinator.Console.Commands.Audit;

/// <summary>Prints an audit chain and, when asked, its verdict (checked by <see cref="AuditOperations"/>).</summary>
public sealed class AuditOperation(ConsoleIo io)
{
    /// <summary>The chain <paramref name="target"/> selects: a region's pointer, a writer's lease, a consumer group's pointer, or the service's campaigns.</summary>
    /// <returns>Null without <paramref name="verify"/>; otherwise the combined verdict.</returns>
    public async Task<AuditVerification?> RunAsync(IClusterClient client, AuditTarget target, bool verify, bool json)
    {
        var reading = await AuditOperations.ReadAsync(SubjectOf(client, target), verify);
        var (subject, entries, verdict) = (reading.Subject, reading.Entries, reading.Verification);
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

    /// <summary>The chain a console target names.</summary>
    internal static AuditSubject SubjectOf(IGrainFactory grains, AuditTarget target) =>
        target.Campaigns ? AuditSubject.Campaigns(grains, target.Service)
        : target.Writer is { } writer ? AuditSubject.Lease(grains, target.Service, target.Region!, writer)
        : target.ConsumerGroup is { } group ? AuditSubject.ConsumerPointer(grains, target.Service, target.Region!, group)
        : AuditSubject.Pointer(grains, target.Service, target.Region!);

    /// <summary>The verdict in words: verified (unless JSON already said it), or every problem on standard error.</summary>
    internal static void WriteVerdict(ConsoleIo io, string label, AuditTarget target, AuditVerification verdict, bool json)
    {
        if (verdict.IsValid)
        {
            if (!json)
            {
                io.Out.MarkupLineInterpolated($"[green]audit chain verified[/]: {verdict.EntryCount} entries, head {verdict.HeadHash}");
                io.Out.MarkupLineInterpolated($"  {AuditOperations.KeyNote(verdict)}");
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
}
