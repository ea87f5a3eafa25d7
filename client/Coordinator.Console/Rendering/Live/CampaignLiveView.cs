using Coordinator.Campaigns;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Coordinator.Console.Rendering.Live;

/// <summary>Draws a <see cref="ScreenPlan"/>: one text line per planned line, coloured by its tone; nothing decided here.</summary>
public static class CampaignLiveView
{
    /// <summary>The plan for <paramref name="console"/>'s current size (read on every refresh, so a resized terminal is followed).</summary>
    public static IRenderable Render(CampaignStatus status, IReadOnlyList<string> events, IAnsiConsole console) =>
        Render(CampaignScreenPlanner.Plan(status, events, new ScreenSize(console.Profile.Width, console.Profile.Height)));

    public static IRenderable Render(ScreenPlan plan) =>
        new Rows(plan.Lines.Select(line => new Text(line.Text, StyleOf(line))));

    private static Style StyleOf(ScreenLine line)
    {
        var colour = line.Tone switch
        {
            LineTone.Good => Color.Green,
            LineTone.Warn => Color.Yellow,
            LineTone.Bad => Color.Red,
            LineTone.Muted => Color.Grey,
            _ => Color.Default,
        };
        var decoration = line.Kind is ScreenLineKind.Headline or ScreenLineKind.Wave ? Decoration.Bold : Decoration.None;
        return new Style(colour, decoration: decoration);
    }
}
