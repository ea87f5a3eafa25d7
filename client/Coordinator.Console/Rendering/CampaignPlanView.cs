using Coordinator.Campaigns;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Coordinator.Console.Rendering;

/// <summary>A plan region by region in campaign order, then the plan's own account of gates and stop rules.</summary>
public static class CampaignPlanView
{
    public static IRenderable Render(CampaignPlan plan, bool regionsChecked)
    {
        var table = new Table()
            .Title($"{plan.Service}: plan of campaign {plan.CampaignId}")
            .AddColumn(new TableColumn("#").RightAligned())
            .AddColumn("Wave")
            .AddColumn("Region")
            .AddColumn("Hold")
            .AddColumn("Approval before wave")
            .AddColumn("Freeze writers")
            .AddColumn("Pause consumer groups");

        foreach (var wave in plan.Waves)
        {
            foreach (var region in wave.Regions)
            {
                table.AddRow(
                    new Text(Display.Number(region.Order + 1)),
                    new Text($"{wave.Index + 1}/{plan.Waves.Count} {wave.Name}"),
                    new Text(region.Region, new Style(decoration: Decoration.Bold)),
                    new Text(CampaignPlanner.FormatDuration(wave.Hold)),
                    new Text(wave.ApprovalBefore ? "operator approves" : "automatic"),
                    new Text(List(region.Fences.Writers)),
                    new Text(List(region.Fences.ConsumerGroups)));
            }
        }

        var check = regionsChecked
            ? "every region is registered for the service"
            : "offline: regions were not checked against the service directory";
        var steps = plan.Regions.FirstOrDefault()?.Steps ?? ChecklistSteps.All;
        return new Rows(
            table,
            new Text("Each region, in order: " + string.Join(" → ", steps.Select(s => s.ToWire()))),
            new Text(plan.Summary),
            new Markup($"[green]valid[/]: {Markup.Escape(check)}; nothing was changed (spec fingerprint {Markup.Escape(plan.SpecFingerprint)})"));
    }

    private static string List(IReadOnlyCollection<string> names) => names.Count == 0 ? "-" : string.Join(", ", names);
}
