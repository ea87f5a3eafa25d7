using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Spectre.Console;

namespace Coordinator.Console.Commands.Audit;

/// <summary>Asks the chain's grain to adopt the audit key, then prints what it did and the chain's verdict after it.</summary>
public sealed class AdoptKeyOperation(ConsoleIo io)
{
    public async Task<AuditAdoption> RunAsync(IClusterClient client, AuditTarget target, string operatorName, string reason, bool json)
    {
        var subject = AuditOperation.SubjectOf(client, target);
        var adoption = await subject.AdoptAsync(operatorName, reason);
        if (json)
        {
            CampaignJson.Write(io.Out, new { target.Service, target.Region, target.Writer, target.ConsumerGroup, subject.Chain, adoption.Appended, adoption.UnkeyedEntryCount, adoption.Entry, adoption.Verification });
        }
        else if (adoption.Entry is { } entry)
        {
            io.Out.MarkupLineInterpolated(
                $"adopted the audit key for [bold]{subject.Label}[/]: entry #{entry.Sequence} ({entry.Command}, {entry.Operator}) pins the {adoption.UnkeyedEntryCount} unkeyed entries before it");
        }
        else
        {
            io.Out.MarkupLineInterpolated($"nothing to adopt for [bold]{subject.Label}[/]: the chain is empty or already ends in a keyed entry");
        }

        if (adoption.Verification is { } verdict)
        {
            AuditOperation.WriteVerdict(io, subject.Label, target, verdict, json);
        }

        return adoption;
    }
}
